package io.shotload.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one {@code wrk --latency} run, parsed from its text output (wrk 4.1).
 *
 * @param requestsPerSecond completed requests per second over the run
 * @param requests completed requests
 * @param p50Millis median latency in milliseconds
 * @param p99Millis 99th percentile latency in milliseconds
 * @param socketErrors connect, read, write and timeout errors added up
 * @param non2xxResponses responses with a status other than 2xx or 3xx
 */
record WrkResult(double requestsPerSecond, long requests, double p50Millis, double p99Millis, long socketErrors,
        long non2xxResponses) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");
    private static final Pattern ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    static WrkResult parse(String output) {
        long errors = 0;
        Matcher errorMatcher = ERRORS.matcher(output);
        if (errorMatcher.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(errorMatcher.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new WrkResult(
                Double.parseDouble(find(RATE, output)),
                Long.parseLong(find(COUNT, output)),
                percentileMillis(output, "50%"),
                percentileMillis(output, "99%"),
                errors,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk output lacks " + pattern + ":\n" + output);
        }
        return matcher.group(1);
    }

    /** Converts a latency such as {@code 1.02s}, {@code 850.00us} or {@code 1.50m} to milliseconds. */
    private static double percentileMillis(String output, String percentile) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s|m)\\b").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }

    String summary() {
        return String.format(Locale.ROOT, "%.0f req/s, p50 %.1f ms, p99 %.1f ms, %d socket errors, %d non-2xx",
                requestsPerSecond, p50Millis, p99Millis, socketErrors, non2xxResponses);
    }
}
