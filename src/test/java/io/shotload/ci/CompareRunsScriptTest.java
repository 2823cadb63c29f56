package io.shotload.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.RunFixtures;
import io.shotload.report.PostProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ci/compare-runs.sh} on results files that the post-processor wrote from synthetic runs.
 * The script runs CompareMain with {@code java -cp} on this test's class path through
 * {@code SHOTLOAD_COMPARE_CLASSPATH}. NOTE: so the Maven path ({@code exec:java@compare}) is not covered here.
 */
class CompareRunsScriptTest {

    private static final Path SCRIPT = Path.of("ci", "compare-runs.sh").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-09T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    private static Path baseline;
    private static Path current;

    private record ScriptRun(int exitCode, List<String> lines, String errors) {}

    @BeforeAll
    static void writeResults() throws IOException {
        baseline = new PostProcessor(AnalysisSettings.defaults(), folder.resolve("baseline"), null, CLOCK, null)
                .process(RunFixtures.referenceRun().build()).reports().results();
        current = new PostProcessor(AnalysisSettings.defaults(), folder.resolve("current"), null, CLOCK, null)
                .process(RunFixtures.referenceRun().build()).reports().latest();
    }

    private static ScriptRun runScript(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(folder, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectError(stderr.toFile());
        builder.environment().put("SHOTLOAD_COMPARE_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as("the script finished within %d s", TIMEOUT_SECONDS)
                .isTrue();
        return new ScriptRun(process.exitValue(), output.lines().toList(), Files.readString(stderr));
    }

    @Test
    void scriptIsExecutable() {
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    @Test
    void sameResultsExitZero() throws Exception {
        ScriptRun run = runScript(baseline.toString(), current.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).contains("RESULT=ok", "EXIT_CODE=0");
    }

    @Test
    void relativePathsUseWorkingFolder() throws Exception {
        ScriptRun run = runScript(folder.relativize(baseline).toString(), folder.relativize(current).toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void thresholdOptionsReachCompareMain() throws Exception {
        ScriptRun run = runScript(baseline.toString(), current.toString(), "--p95-increase-warning-percent=90");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("--p95-increase-warning-percent = 90.0 is above");
    }

    @Test
    void missingBaselineExitsTwo() throws Exception {
        ScriptRun run = runScript(folder.resolve("none.json").toString(), current.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).contains("RESULT=regression", "EXIT_CODE=2");
        assertThat(run.errors()).contains("baseline results file was not found");
    }

    @Test
    void bareOptionRejected() throws Exception {
        ScriptRun run = runScript(baseline.toString(), current.toString(), "--p95-increase-warning-percent");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("expected --threshold-flag=VALUE");
    }

    @Test
    void brokenJavaIsRegression() throws Exception {
        List<String> command = List.of(SCRIPT.toString(), baseline.toString(), current.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("SHOTLOAD_COMPARE_CLASSPATH", folder.resolve("no-classes").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("CompareMain did not run to the end", "RESULT=regression");
    }
}
