package io.shotload.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import io.shotload.json.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one results file ({@code load_test_results_<timestamp>.json}) that a comparison reads.
 * Fields the comparison does not read are ignored, so newer files still work.
 *
 * @param file the file read
 * @param planName {@code plan.name}; {@code null} when absent
 * @param targetBaseUrl {@code run.target.base_url}; {@code null} when absent
 * @param maxThroughputQps {@code summary.max_throughput_qps}; {@code null} when no scenario ran
 * @param recommendedPoolSize {@code summary.recommended_pool_size}; {@code null} without an optimum
 * @param scenarios {@code scenarios}, in file order
 */
public record ResultsSnapshot(Path file, String planName, String targetBaseUrl, Double maxThroughputQps, Integer recommendedPoolSize,
        List<ScenarioFigures> scenarios) {

    public ResultsSnapshot {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * One scenario's figures; the numbers are {@code null} when it did not run or the figure is missing.
     *
     * @param name {@code scenarios[i].scenario}
     * @param ran whether {@code metrics} is present
     * @param throughputSteadyRps {@code metrics.throughput_steady_rps}
     * @param p95ResponseTimeMs {@code metrics.p95_response_time_ms}
     * @param errorRatePercent {@code metrics.error_rate_percent}
     * @param totalRequests {@code metrics.total_requests}, the error rate's sample size; {@code null} when absent
     * @param p95InsufficientSamples {@code confidence.p95_response_time_ms.insufficient_samples}; false when
     *     the file has no confidence object, as files from before it do not
     */
    public record ScenarioFigures(String name, boolean ran, Double throughputSteadyRps, Double p95ResponseTimeMs,
            Double errorRatePercent, Double totalRequests, boolean p95InsufficientSamples) {}

    /**
     * Reads a results file.
     *
     * @param role {@code baseline} or {@code current}, for messages
     * @throws InvalidResultsFileException when the file is missing, unreadable, not JSON, or a field that
     *     the comparison reads is missing or of the wrong type
     */
    public static ResultsSnapshot read(Path file, String role) {
        if (!Files.isRegularFile(file)) {
            String link = Files.isSymbolicLink(file) ? " (a symbolic link whose target is missing)" : "";
            throw new InvalidResultsFileException("The " + role + " results file was not found: " + file + link
                    + "; pass the path of a load_test_results_<timestamp>.json or latest_results.json file.");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidResultsFileException("Invalid " + role + " results file " + file + ": "
                    + JsonErrors.describe(e) + ".");
        } catch (IOException e) {
            throw new InvalidResultsFileException("Failed to read the " + role + " results file " + file + ": "
                    + e.getMessage());
        }
        Reader reader = new Reader(file, role);
        if (root == null || !root.isObject()) {
            throw reader.invalid("the document", root, "a JSON object");
        }
        JsonNode summary = root.get("summary");
        if (summary == null || !summary.isObject()) {
            throw reader.invalid("summary", summary, "an object");
        }
        Double maxThroughput = reader.number(summary, "summary.max_throughput_qps", "max_throughput_qps");
        Double poolSize = reader.number(summary, "summary.recommended_pool_size", "recommended_pool_size");
        if (poolSize != null && poolSize != Math.rint(poolSize)) {
            throw reader.invalid("summary.recommended_pool_size", summary.get("recommended_pool_size"),
                    "a whole number or null");
        }

        JsonNode scenarios = root.get("scenarios");
        if (scenarios == null || !scenarios.isArray()) {
            throw reader.invalid("scenarios", scenarios, "an array");
        }
        List<ScenarioFigures> figures = new ArrayList<>();
        for (int index = 0; index < scenarios.size(); index++) {
            figures.add(reader.scenario(scenarios.get(index), "scenarios[" + index + "]"));
        }
        JsonNode planName = root.at("/plan/name");
        JsonNode baseUrl = root.at("/run/target/base_url");
        return new ResultsSnapshot(file, planName.isTextual() ? planName.textValue() : null,
                baseUrl.isTextual() ? baseUrl.textValue() : null, maxThroughput, poolSize == null ? null : poolSize.intValue(), figures);
    }

    /** Reads fields and builds messages that name the file and the field. */
    private record Reader(Path file, String role) {

        ScenarioFigures scenario(JsonNode node, String path) {
            if (!node.isObject()) {
                throw invalid(path, node, "an object");
            }
            JsonNode name = node.get("scenario");
            if (name == null || !name.isTextual()) {
                throw invalid(path + ".scenario", name, "the scenario's name as a string");
            }
            JsonNode metrics = node.get("metrics");
            if (metrics == null || metrics.isNull()) {
                return new ScenarioFigures(name.textValue(), false, null, null, null, null, false);
            }
            if (!metrics.isObject()) {
                throw invalid(path + ".metrics", metrics, "an object or null");
            }
            JsonNode insufficient = node.at("/confidence/p95_response_time_ms/insufficient_samples");
            return new ScenarioFigures(name.textValue(), true,
                    number(metrics, path + ".metrics.throughput_steady_rps", "throughput_steady_rps"),
                    number(metrics, path + ".metrics.p95_response_time_ms", "p95_response_time_ms"),
                    number(metrics, path + ".metrics.error_rate_percent", "error_rate_percent"),
                    metrics.has("total_requests")
                            ? number(metrics, path + ".metrics.total_requests", "total_requests")
                            : null,
                    insufficient.isBoolean() && insufficient.booleanValue());
        }

        /** Returns a numeric field, {@code null} when it is null; a missing field is an error. */
        Double number(JsonNode parent, String path, String field) {
            JsonNode node = parent.get(field);
            if (node == null) {
                throw invalid(path, null, "a number or null");
            }
            if (node.isNull()) {
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw invalid(path, node, "a number or null");
            }
            return node.doubleValue();
        }

        InvalidResultsFileException invalid(String field, JsonNode value, String rule) {
            String valueText = value == null ? "is missing" : "= " + value;
            return new InvalidResultsFileException("Invalid " + role + " results file " + file + ": " + field + " "
                    + valueText + "; expected " + rule + ".");
        }
    }
}
