package io.shotload.recording;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads sample values out of a Prometheus text exposition, enough to follow a few gauges of the
 * target. It keeps the value of every sample line under its full series name, labels included as
 * written ({@code jvm_memory_used_bytes{area="heap"}}), and ignores comments and timestamps.
 */
final class PrometheusText {

    private final Map<String, Double> samples;

    private PrometheusText(Map<String, Double> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String rawLine : exposition.split("\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            int valueStart = line.indexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
            if (valueStart < 0) {
                continue;
            }
            String series = line.substring(0, valueStart).replace(" ", "");
            String[] rest = line.substring(valueStart + 1).strip().split("\\s+");
            try {
                samples.put(series, Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                // A value such as "+Inf" parses; anything else is not a sample line we need.
            }
        }
        return new PrometheusText(samples);
    }

    /** Returns the value of a series without labels, or summed over all its label sets when it has some. */
    Optional<Double> value(String metricName) {
        Double plain = samples.get(metricName);
        if (plain != null) {
            return Optional.of(plain);
        }
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            if (entry.getKey().startsWith(metricName + "{")) {
                sum += entry.getValue();
                found = true;
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }

    /** Returns the value of one labelled series, such as {@code jvm_memory_used_bytes} with {@code area="heap"}. */
    Optional<Double> value(String metricName, String label, String labelValue) {
        String labelText = label + "=\"" + labelValue + "\"";
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(metricName + "{") && key.contains(labelText)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
