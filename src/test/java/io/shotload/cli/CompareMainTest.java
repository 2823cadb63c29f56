package io.shotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.RunFixtures;
import io.shotload.plan.ScenarioSpec;
import io.shotload.report.PostProcessor;
import io.shotload.run.RunData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the comparison on results files that the post-processor wrote from synthetic runs. */
class CompareMainTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-09T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    private static Path baseline;
    private static Path rerun;
    private static Path slower;
    private static Path broken;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeResults() throws IOException {
        baseline = results("baseline", RunFixtures.referenceRun().build());
        rerun = results("rerun", RunFixtures.referenceRun().build());
        // heavy_load at 1600 ms instead of 1300 ms: 10 / 2.6 s = 3.85 instead of 4.35 completions/s, an 11% drop.
        slower = results("slower", referenceWithHeavy(1600, 0.02));
        // heavy_load at 3000 ms with 10% failures misses the production targets, so the optimum falls to 6 users.
        broken = results("broken", referenceWithHeavy(3000, 0.10));
    }

    private static RunData referenceWithHeavy(double meanResponseMs, double errorFraction) {
        List<ScenarioSpec> specs = RunFixtures.referenceSpecs();
        return new RunFixtures.RunBuilder(42)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 950, 0.02)
                .level(specs.get(3), meanResponseMs, errorFraction)
                .level(specs.get(4), 9000, 0.30)
                .build();
    }

    private static Path results(String name, RunData data) throws IOException {
        Path resultsDir = folder.resolve(name);
        return new PostProcessor(AnalysisSettings.defaults(), resultsDir, null, CLOCK, null).process(data).reports()
                .results();
    }

    private int run(String... args) {
        return CompareMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void identicalRunsExitZero() {
        assertThat(run(baseline.toString(), rerun.toString())).isZero();
        assertThat(stdout()).contains("RESULT=ok", "EXIT_CODE=0");
    }

    @Test
    void tablePrintsEveryScenario() {
        run(baseline.toString(), rerun.toString());

        assertThat(stdout()).contains("Metric", "Baseline", "Current", "Critical at");
        for (ScenarioSpec spec : RunFixtures.referenceSpecs()) {
            assertThat(stdout()).contains(spec.name());
        }
        assertThat(stdout()).containsPattern("max throughput drop +\\(run\\) +4\\.[0-9]{2} +4\\.[0-9]{2} +\\+0\\.0%");
    }

    @Test
    void smallSlowdownWarns() {
        assertThat(run(baseline.toString(), slower.toString())).isEqualTo(1);
        assertThat(stdout()).contains("RESULT=warnings", "EXIT_CODE=1");
        assertThat(stdout()).containsPattern("REASON=.*heavy_load: throughput drop \\+1[0-9]\\.[0-9]% is a warning");
    }

    @Test
    void brokenRunIsRegression() {
        assertThat(run(baseline.toString(), broken.toString())).isEqualTo(2);
        assertThat(stdout()).contains("RESULT=regression", "EXIT_CODE=2");
        assertThat(stdout()).containsPattern("pool size change +\\(run\\) +12\\.00 +8\\.00 +-4\\.0 browsers");
        assertThat(stdout()).contains("heavy_load: error rate increase");
    }

    @Test
    void fewSamplesSkipP95() {
        run(baseline.toString(), rerun.toString());

        assertThat(stdout()).containsPattern("p95 increase +baseline_single .*not compared: too few responses");
    }

    @Test
    void thresholdFlagsApply() {
        assertThat(run(baseline.toString(), slower.toString(), "--throughput-drop-warning-percent", "50",
                "--throughput-drop-critical-percent=60", "--p95-increase-warning-percent=50")).isZero();
    }

    @Test
    void missingFileNamesPath() {
        Path missing = folder.resolve("nowhere.json");

        assertThat(run(missing.toString(), rerun.toString())).isEqualTo(2);
        assertThat(stderr()).contains("baseline results file was not found: " + missing);
        assertThat(stdout()).contains("RESULT=regression", "EXIT_CODE=2");
    }

    @Test
    void corruptJsonNamesFile() throws IOException {
        Path corrupt = Files.writeString(folder.resolve("corrupt.json"), "{\"summary\": ");

        assertThat(run(baseline.toString(), corrupt.toString())).isEqualTo(2);
        assertThat(stderr()).contains("Invalid current results file " + corrupt);
    }

    @Test
    void missingFieldNamesField() throws IOException {
        String json = Files.readString(rerun).replace("\"throughput_steady_rps\"", "\"renamed\"");
        Path edited = Files.writeString(folder.resolve("edited.json"), json);

        assertThat(run(baseline.toString(), edited.toString())).isEqualTo(2);
        assertThat(stderr()).contains("scenarios[0].metrics.throughput_steady_rps is missing");
    }

    @Test
    void wrongTypeNamesValue() throws IOException {
        String json = Files.readString(rerun).replace("\"recommended_pool_size\" : 12",
                "\"recommended_pool_size\" : \"twelve\"");
        Path edited = Files.writeString(folder.resolve("typed.json"), json);

        assertThat(run(baseline.toString(), edited.toString())).isEqualTo(2);
        assertThat(stderr()).contains("summary.recommended_pool_size = \"twelve\"; expected a number or null");
    }

    @Test
    void warningAboveCriticalRejected() {
        assertThat(run(baseline.toString(), rerun.toString(), "--p95-increase-warning-percent=80")).isEqualTo(2);
        assertThat(stderr()).contains("--p95-increase-warning-percent = 80.0 is above --p95-increase-critical-percent");
    }

    @Test
    void oneFileIsUsageError() {
        assertThat(run(baseline.toString())).isEqualTo(2);
        assertThat(stderr()).contains("Expected two results files");
    }

    @Test
    void unknownOptionRejected() {
        assertThat(run("--faster", baseline.toString(), rerun.toString())).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option --faster");
    }

    @Test
    void helpListsDefaults() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("--throughput-drop-warning-percent X", "(default: 10)",
                "--pool-size-drop-critical-percent X", "(default: 25)");
    }
}
