package io.shotload.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import io.shotload.json.JsonErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI gate: reads the post-processor's results file and exits with the verdict's exit code, so a
 * CI system can pass, warn or fail a build without parsing JSON itself.
 *
 * <p>Usage: {@code GateMain [RESULTS_JSON]}, by default {@value #DEFAULT_RESULTS}. Standard output gets
 * four {@code KEY=value} lines, each value on one line:
 * <pre>
 * VERDICT=ready|warnings|critical
 * EXIT_CODE=0|1|2
 * REASON=the summary's reasons, joined with "; "
 * DESCRIPTION=Optimal users: 12, max throughput: 3.4 qps, pool size: 15, verdict: warnings
 * </pre>
 *
 * <p>Exit codes are the summary's {@code exit_code}: 0 ready, 1 warnings, 2 critical. A results file that
 * is missing or invalid also gives 2, with {@code VERDICT=critical} and the error as {@code REASON}, so a
 * broken run can never pass the gate.
 */
public final class GateMain {

    public static final String DEFAULT_RESULTS = "gatling-results/reports/latest_results.json";

    /** Verdicts indexed by their exit code, as the post-processor defines them. */
    static final List<String> VERDICTS = List.of("ready", "warnings", "critical");
    static final int EXIT_CRITICAL = 2;

    private static final String NOT_AVAILABLE = "n/a";

    private GateMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the gate without exiting the JVM.
     *
     * @return the exit code: 0 ready, 1 warnings, 2 critical or an unusable results file
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("Usage: GateMain [RESULTS_JSON]; expected at most one argument, got " + args.length
                    + ". The default results file is " + DEFAULT_RESULTS + ".");
            return EXIT_CRITICAL;
        }
        Path resultsFile = Path.of(args.length == 1 ? args[0] : DEFAULT_RESULTS);
        try {
            Verdict verdict = readVerdict(resultsFile);
            print(out, verdict);
            return verdict.exitCode();
        } catch (InvalidResultsException e) {
            err.println("Performance gate: " + e.getMessage());
            print(out, new Verdict(EXIT_CRITICAL, e.getMessage(), "No valid results file, verdict: critical"));
            return EXIT_CRITICAL;
        }
    }

    /**
     * The gate's outcome for one results file.
     *
     * @param exitCode 0 ready, 1 warnings, 2 critical
     * @param reason one line that explains the verdict
     * @param description one line for a build's description
     */
    record Verdict(int exitCode, String reason, String description) {

        String name() {
            return VERDICTS.get(exitCode);
        }
    }

    /** Reads a results file and checks the fields that the gate relies on. */
    static Verdict readVerdict(Path resultsFile) {
        JsonNode summary = readSummary(resultsFile);
        int exitCode = exitCode(resultsFile, summary);
        checkVerdict(resultsFile, summary, exitCode);
        String verdict = VERDICTS.get(exitCode);
        String description = "Optimal users: " + number(summary.get("optimal_concurrent_users"))
                + ", max throughput: " + number(summary.get("max_throughput_qps")) + " qps"
                + ", pool size: " + number(summary.get("recommended_pool_size"))
                + ", verdict: " + verdict;
        return new Verdict(exitCode, reason(summary, verdict), description);
    }

    private static JsonNode readSummary(Path resultsFile) {
        if (!Files.exists(resultsFile)) {
            String link = Files.isSymbolicLink(resultsFile) ? " (a symbolic link whose target is missing)" : "";
            throw new InvalidResultsException("Results file not found: " + resultsFile + link
                    + ". Run the load test first (mvn gatling:test), which writes it through the post-processor,"
                    + " or pass the path of a load_test_results_<timestamp>.json file.");
        }
        if (Files.isDirectory(resultsFile)) {
            throw new InvalidResultsException("Results file " + resultsFile
                    + " is a directory; expected the path of a results JSON file.");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(resultsFile.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidResultsException("Invalid results file " + resultsFile + ": " + JsonErrors.describe(e)
                    + ". Rerun the load test to write a new one.");
        } catch (IOException e) {
            throw new InvalidResultsException("Failed to read results file " + resultsFile + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidResultsException("Invalid results file " + resultsFile
                    + ": it is empty; expected a JSON object with a summary.");
        }
        JsonNode summary = root.get("summary");
        if (summary == null || !summary.isObject()) {
            throw invalidField(resultsFile, "summary", summary, "an object");
        }
        return summary;
    }

    private static int exitCode(Path resultsFile, JsonNode summary) {
        JsonNode node = summary.get("exit_code");
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()
                || node.intValue() < 0 || node.intValue() >= VERDICTS.size()) {
            throw invalidField(resultsFile, "summary.exit_code", node, "0 (ready), 1 (warnings) or 2 (critical)");
        }
        return node.intValue();
    }

    /** Rejects a verdict that contradicts the exit code. A missing verdict is taken from the exit code. */
    private static void checkVerdict(Path resultsFile, JsonNode summary, int exitCode) {
        JsonNode node = summary.get("verdict");
        if (node == null) {
            return;
        }
        String expected = VERDICTS.get(exitCode);
        if (!node.isTextual() || !node.textValue().equals(expected)) {
            throw invalidField(resultsFile, "summary.verdict", node,
                    "\"" + expected + "\" to match summary.exit_code = " + exitCode);
        }
    }

    private static String reason(JsonNode summary, String verdict) {
        List<String> reasons = new ArrayList<>();
        JsonNode node = summary.get("reasons");
        if (node != null && node.isArray()) {
            for (JsonNode reason : node) {
                String text = oneLine(reason.isTextual() ? reason.textValue() : reason.toString());
                if (!text.isEmpty()) {
                    reasons.add(text);
                }
            }
        }
        if (reasons.isEmpty()) {
            return "Verdict " + verdict + "; the results file lists no reasons";
        }
        return String.join("; ", reasons);
    }

    /** Formats a summary number: integers as they are, others rounded to two decimals, n/a when absent. */
    private static String number(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return NOT_AVAILABLE;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static void print(PrintStream out, Verdict verdict) {
        out.println("VERDICT=" + verdict.name());
        out.println("EXIT_CODE=" + verdict.exitCode());
        out.println("REASON=" + oneLine(verdict.reason()));
        out.println("DESCRIPTION=" + oneLine(verdict.description()));
        out.flush();
    }

    private static InvalidResultsException invalidField(Path resultsFile, String field, JsonNode value, String rule) {
        String valueText = value == null ? "is missing" : "= " + value;
        return new InvalidResultsException("Invalid results file " + resultsFile + ": " + field + " " + valueText
                + "; expected " + rule + ".");
    }

    /** A results file that the gate cannot use. Its message names the file, the field and the rule. */
    static final class InvalidResultsException extends RuntimeException {

        InvalidResultsException(String message) {
            super(message);
        }
    }
}
