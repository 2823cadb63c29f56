package io.shotload.ci;

import static io.shotload.ci.ResultsFixtures.resultsJson;
import static io.shotload.ci.ResultsFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.cli.GateMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateMainTest {

    @TempDir
    Path folder;

    /** Output and exit code of one gate run. */
    private record GateRun(int exitCode, List<String> lines, String errors) {

        String value(String key) {
            return lines.stream()
                    .filter(line -> line.startsWith(key + "="))
                    .map(line -> line.substring(key.length() + 1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No " + key + "= line in " + lines));
        }
    }

    private static GateRun gate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = GateMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new GateRun(exitCode, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8));
    }

    private GateRun gateOnJson(String json) throws IOException {
        return gate(write(folder, "results.json", json).toString());
    }

    private static String summaryWith(String summaryFields) {
        return "{\"summary\": {" + summaryFields + "}}";
    }

    @ParameterizedTest
    @CsvSource({"ready, 0", "warnings, 1", "critical, 2"})
    void verdictSetsExitCode(String verdict, int exitCode) throws IOException {
        GateRun run = gateOnJson(resultsJson(verdict));

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.value("VERDICT")).isEqualTo(verdict);
        assertThat(run.value("EXIT_CODE")).isEqualTo(String.valueOf(exitCode));
        assertThat(run.errors()).isEmpty();
    }

    @Test
    void outputHasFourKeyValueLines() throws IOException {
        GateRun run = gateOnJson(resultsJson("warnings"));

        assertThat(run.lines()).extracting(line -> line.substring(0, line.indexOf('=')))
                .containsExactly("VERDICT", "EXIT_CODE", "REASON", "DESCRIPTION");
    }

    @Test
    void descriptionSummarisesCapacity() throws IOException {
        GateRun run = gateOnJson(resultsJson("warnings"));

        assertThat(run.value("DESCRIPTION"))
                .isEqualTo("Optimal users: 6, max throughput: 4.38 qps, pool size: 8, verdict: warnings");
    }

    @Test
    void reasonComesFromSummary() throws IOException {
        GateRun run = gateOnJson(resultsJson("critical"));

        assertThat(run.value("REASON")).isEqualTo("stress_test: error rate 35.0% above the 20% maximum");
    }

    @Test
    void reasonsJoinOnOneLine() throws IOException {
        GateRun run = gateOnJson(summaryWith("""
                "exit_code": 1, "reasons": ["first\\nsecond line", "", "third"]"""));

        assertThat(run.value("REASON")).isEqualTo("first second line; third");
    }

    @Test
    void missingOptionalFieldsShowNotAvailable() throws IOException {
        GateRun run = gateOnJson(summaryWith("\"exit_code\": 2"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.value("VERDICT")).isEqualTo("critical");
        assertThat(run.value("REASON")).isEqualTo("Verdict critical; the results file lists no reasons");
        assertThat(run.value("DESCRIPTION"))
                .isEqualTo("Optimal users: n/a, max throughput: n/a qps, pool size: n/a, verdict: critical");
    }

    @Test
    void missingFileNamesPathAndFix() {
        Path missing = folder.resolve("latest_results.json");

        GateRun run = gate(missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.value("VERDICT")).isEqualTo("critical");
        assertThat(run.errors()).contains("Results file not found: " + missing).contains("mvn gatling:test");
        assertThat(run.value("REASON")).contains("Results file not found: " + missing);
    }

    @Test
    void danglingSymlinkIsReported() throws IOException {
        Path link = Files.createSymbolicLink(folder.resolve("latest_results.json"), folder.resolve("gone.json"));

        GateRun run = gate(link.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("symbolic link whose target is missing");
    }

    @Test
    void directoryIsRejected() {
        GateRun run = gate(folder.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("is a directory");
    }

    @Test
    void corruptJsonExitsTwo() throws IOException {
        GateRun run = gateOnJson("{\"summary\": {\"exit_code\": 0,");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.value("VERDICT")).isEqualTo("critical");
        assertThat(run.errors()).contains("Invalid results file").contains("malformed JSON at line 1");
    }

    @Test
    void emptyFileExitsTwo() throws IOException {
        GateRun run = gateOnJson("");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("it is empty");
    }

    @Test
    void missingSummaryNamesField() throws IOException {
        GateRun run = gateOnJson("{\"scenarios\": []}");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("summary is missing; expected an object");
    }

    @Test
    void missingExitCodeNamesField() throws IOException {
        GateRun run = gateOnJson(summaryWith("\"verdict\": \"ready\""));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("summary.exit_code is missing; expected 0 (ready), 1 (warnings) or 2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3|= 3", "-1|= -1", "\"0\"|= \"0\"", "1.5|= 1.5", "null|= null"})
    void invalidExitCodeNamesValue(String exitCode, String valueText) throws IOException {
        GateRun run = gateOnJson(summaryWith("\"exit_code\": " + exitCode));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("summary.exit_code " + valueText + "; expected 0 (ready)");
    }

    @Test
    void verdictContradictingExitCodeIsRejected() throws IOException {
        GateRun run = gateOnJson(summaryWith("\"exit_code\": 0, \"verdict\": \"critical\""));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("summary.verdict = \"critical\"; expected \"ready\" to match");
    }

    @Test
    void missingVerdictFollowsExitCode() throws IOException {
        GateRun run = gateOnJson(summaryWith("\"exit_code\": 1"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.value("VERDICT")).isEqualTo("warnings");
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        GateRun run = gateOnJson("{\"format_version\": 7, \"summary\": {\"exit_code\": 0, \"new_metric\": [1, 2]}}");

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void tooManyArgumentsExitTwo() {
        GateRun run = gate("a.json", "b.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("expected at most one argument, got 2");
    }
}
