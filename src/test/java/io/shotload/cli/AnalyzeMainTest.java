package io.shotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.RunFixtures;
import io.shotload.analysis.Setting;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.RunData;
import io.shotload.run.RunDataFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeMainTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-09T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path resultsDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AnalyzeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path store(String folder, RunData data) {
        return RunDataFiles.write(resultsDir.resolve(folder), data).getParent();
    }

    @Test
    void readyRunExitsZero() {
        Path runFolder = store("run-a", RunFixtures.referenceRun().build());

        assertThat(run(runFolder.toString())).isZero();
        assertThat(stdout()).contains("Final status:          READY (exit code 0)");
        assertThat(resultsDir.resolve("reports").resolve("load_test_results_20251009-103000.json")).isRegularFile();
    }

    @Test
    void runDataFileAccepted() {
        Path runFolder = store("run-a", RunFixtures.referenceRun().build());

        assertThat(run("--quiet", runFolder.resolve(RunDataFiles.RUN_DATA_FILE).toString())).isZero();
        assertThat(resultsDir.resolve("reports").resolve("latest_results.json")).exists();
    }

    @Test
    void degradedRunExitsOne() {
        List<ScenarioSpec> specs = RunFixtures.referenceSpecs();
        RunData data = new RunFixtures.RunBuilder(7)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 9000, 0.35)
                .skipped(specs.get(3), "breaking point crossed at moderate_load")
                .skipped(specs.get(4), "breaking point crossed at moderate_load")
                .build();

        assertThat(run(store("run-b", data).toString())).isEqualTo(1);
        assertThat(stdout()).contains("Final status:          WARNINGS (exit code 1)").contains("Degradation");
    }

    @Test
    void allFailedRunExitsTwo() {
        RunFixtures.RunBuilder builder = new RunFixtures.RunBuilder(3);
        RunFixtures.referenceSpecs().forEach(spec -> builder.level(spec, 20, 1.0));

        assertThat(run(store("run-c", builder.build()).toString())).isEqualTo(2);
        assertThat(stdout()).contains("CRITICAL (exit code 2)");
    }

    @Test
    void thresholdFlagChangesVerdict() {
        Path runFolder = store("run-a", RunFixtures.referenceRun().build());

        assertThat(run("--quiet", "--max-avg-response-ms", "1000", runFolder.toString())).isEqualTo(1);
        assertThat(run("--quiet", "--max-avg-response-ms=1000", "--target-avg-response-ms=500",
                runFolder.toString())).isEqualTo(1);
    }

    @Test
    void latestTakesNewestRun() throws IOException {
        Path older = store("run-old", RunFixtures.referenceRun().build());
        RunFixtures.RunBuilder failing = new RunFixtures.RunBuilder(3);
        RunFixtures.referenceSpecs().forEach(spec -> failing.level(spec, 20, 1.0));
        Path newer = store("run-new", failing.build());
        Files.setLastModifiedTime(older.resolve(RunDataFiles.RUN_DATA_FILE), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer.resolve(RunDataFiles.RUN_DATA_FILE), FileTime.fromMillis(2_000_000));

        assertThat(run("--quiet", "--latest", "--results-dir", resultsDir.toString())).isEqualTo(2);
    }

    @Test
    void latestWithoutRunsExitsTwo() {
        assertThat(run("--latest", "--results-dir", resultsDir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("Run data not found").contains(RunDataFiles.RUN_DATA_FILE);
    }

    @Test
    void missingRunDataExitsTwo() {
        assertThat(run(resultsDir.resolve("no-such-run").toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("Run data not found");
    }

    @Test
    void corruptRunDataExitsTwo() throws IOException {
        Path folder = Files.createDirectories(resultsDir.resolve("run-x"));
        Files.writeString(folder.resolve(RunDataFiles.RUN_DATA_FILE), "{\"format_version\": 1, \"scenarios\": [");

        assertThat(run(folder.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("Corrupt run data");
    }

    @Test
    void badValueNamesFlagAndRange() {
        assertThat(run("--min-stability", "2", "run")).isEqualTo(2);
        assertThat(stderr()).contains("--min-stability = \"2\"").contains("0..1");
    }

    @Test
    void nonNumericValueRejected() {
        assertThat(run("--pool-headroom=lots", "run")).isEqualTo(2);
        assertThat(stderr()).contains("--pool-headroom = \"lots\"").contains("a number in 1..10");
    }

    @Test
    void unknownFlagRejected() {
        assertThat(run("--max-errors", "5", "run")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option --max-errors").contains("--help");
    }

    @Test
    void missingValueRejected() {
        assertThat(run("run", "--reports-dir")).isEqualTo(2);
        assertThat(stderr()).contains("--reports-dir needs a value");
    }

    @Test
    void noRunRejected() {
        assertThat(run("--quiet")).isEqualTo(2);
        assertThat(stderr()).contains("No run given");
    }

    @Test
    void runAndLatestConflict() {
        assertThat(run("--latest", "run")).isEqualTo(2);
        assertThat(stderr()).contains("Both --latest and the run");
    }

    @Test
    void helpListsEverySetting() {
        assertThat(run("--help")).isZero();
        for (Setting setting : Setting.values()) {
            assertThat(stdout()).contains("--" + setting.flag());
        }
        assertThat(stdout()).contains("(default: 20)").contains("(default: 1.2)").contains("-Dshotload.");
    }

    @Test
    void quietPrintsNothing() {
        Path runFolder = store("run-a", RunFixtures.referenceRun().build());

        assertThat(run("--quiet", runFolder.toString())).isZero();
        assertThat(stdout()).isEmpty();
    }

    @Test
    void reportsDirFlagUsed() {
        Path runFolder = store("run-a", RunFixtures.referenceRun().build());
        Path reports = resultsDir.resolve("elsewhere");

        assertThat(run("--quiet", "--reports-dir", reports.toString(), runFolder.toString())).isZero();
        assertThat(reports.resolve("junit_20251009-103000.xml")).isRegularFile();
    }
}
