package io.shotload.ci;

import static io.shotload.analysis.RunFixtures.referenceSpecs;
import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.RunFixtures;
import io.shotload.cli.GateMain;
import io.shotload.plan.ScenarioSpec;
import io.shotload.report.PostProcessor;
import io.shotload.run.RunData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the gate on results files that the post-processor wrote for runs of each verdict. */
class GateOnRealResultsTest {

    @TempDir
    Path resultsDir;

    @Test
    void readyRunPassesGate() throws Exception {
        RunData run = RunFixtures.referenceRun().build();

        assertGate(run, 0, "ready");
    }

    @Test
    void degradedRunWarns() throws Exception {
        List<ScenarioSpec> specs = referenceSpecs();
        RunData run = new RunFixtures.RunBuilder(7)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 9000, 0.35)
                .skipped(specs.get(3), "breaking point crossed at moderate_load")
                .skipped(specs.get(4), "breaking point crossed at moderate_load")
                .stopReason("breaking point crossed at moderate_load (6 users)")
                .build();

        assertGate(run, 1, "warnings");
    }

    @Test
    void allFailedRunFailsGate() throws Exception {
        RunFixtures.RunBuilder builder = new RunFixtures.RunBuilder(3);
        referenceSpecs().forEach(spec -> builder.level(spec, 20, 1.0));

        assertGate(builder.build(), 2, "critical");
    }

    private void assertGate(RunData run, int expectedExitCode, String expectedVerdict) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        int postProcessorExitCode = new PostProcessor(AnalysisSettings.defaults(), resultsDir, null, clock, null)
                .process(run).exitCode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int gateExitCode = GateMain.run(new String[] {resultsDir.resolve("reports/latest_results.json").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(postProcessorExitCode).isEqualTo(expectedExitCode);
        assertThat(gateExitCode).isEqualTo(expectedExitCode);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VERDICT=" + expectedVerdict + "\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
