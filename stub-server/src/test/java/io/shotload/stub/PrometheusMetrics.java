package io.shotload.stub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one unlabelled sample from {@code /metrics} with a regular expression, for polling in tests
 * where starting the Python parser each time would be slow. {@link PrometheusTextParser} checks the
 * format itself.
 */
final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    static double value(StubClient client, String sampleName) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sampleName) + " (\\S+)$").matcher(client.metricsText());
        if (!matcher.find()) {
            throw new AssertionError("No sample " + sampleName + " in /metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }
}
