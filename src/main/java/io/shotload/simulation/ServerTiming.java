package io.shotload.simulation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one metric's duration from a {@code Server-Timing} header (W3C Server Timing). */
final class ServerTiming {

    private ServerTiming() {}

    /**
     * Returns the {@code dur} of the named metric in milliseconds, such as 412.5 for {@code capture} in
     * {@code queue;dur=3, capture;dur=412.5}, or NaN when the header or the metric is missing.
     */
    static double durationMillis(String header, String metric) {
        if (header == null) {
            return Double.NaN;
        }
        Matcher matcher = Pattern.compile("(?:^|,)\\s*" + Pattern.quote(metric) + "\\s*;[^,]*?\\bdur=([0-9]+(?:\\.[0-9]+)?)")
                .matcher(header);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
