package io.shotload.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parses Prometheus text exposition with the reference Python client's parser
 * ({@code prometheus_client.parser}, Debian package {@code python3-prometheus-client}), so the stub's
 * output is checked by an implementation other than the one that wrote it.
 */
final class PrometheusTextParser {

    static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            families = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                families[family.name] = {
                    "type": family.type,
                    "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
                }
            json.dump(families, sys.stdout)
            """;

    private PrometheusTextParser() {
    }

    /** Returns {@code {family: {type, samples: [{name, labels, value}]}}}; fails when the text does not parse. */
    static JsonNode parse(String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", SCRIPT).redirectErrorStream(false).start();
        try (OutputStream input = process.getOutputStream()) {
            input.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The Prometheus parser did not finish within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("The Prometheus parser rejected the exposition (install python3-prometheus-client"
                    + " if the module is missing):\n" + errors);
        }
        return StubClient.JSON.readTree(output);
    }

    /** Returns the value of the sample with this name and label pairs, or NaN when it is absent. */
    static double sample(JsonNode families, String family, String sampleName, String... labelPairs) {
        JsonNode samples = families.path(family).path("samples");
        for (JsonNode sample : samples) {
            if (!sample.path("name").asText().equals(sampleName)) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                matches &= sample.path("labels").path(labelPairs[i]).asText("\u0000").equals(labelPairs[i + 1]);
            }
            if (matches) {
                return sample.path("value").asDouble();
            }
        }
        return Double.NaN;
    }
}
