package io.shotload.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.Histograms;
import io.shotload.run.RunData;
import io.shotload.run.RunDataFiles;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import io.shotload.run.TargetInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {

    private final LoadPlan plan = new LoadPlan("test", "two levels", List.of(
            new ScenarioSpec("first", 2, 5, 0, 1000),
            new ScenarioSpec("second", 4, 5, 1, 1000),
            new ScenarioSpec("third", 8, 5, 1, 1000)));

    @Test
    void totalsMatchRecordedResponses() {
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("first");
        ScenarioRecorder first = recorder.scenario("first");
        first.userStarted(1_000);
        for (int i = 1; i <= 100; i++) {
            boolean success = i % 10 != 0;
            first.recordResponse(i * 10L, success ? 200 : 500, 2_000, success, success ? null : "HTTP 500");
        }
        first.userFinished(2_000);
        recorder.stop();

        ScenarioRun run = recorder.toRunData("run", "Sim", "3.16.0", null, null).scenarios().get(0);

        assertThat(run.status()).isEqualTo(ScenarioStatus.COMPLETED);
        assertThat(run.requests()).isEqualTo(100);
        assertThat(run.successes()).isEqualTo(90);
        assertThat(run.failures()).isEqualTo(10);
        assertThat(run.statusCounts()).containsEntry("200", 90L).containsEntry("500", 10L);
        assertThat(run.failureMessages()).containsEntry("HTTP 500", 10L);
        assertThat(run.responseBytesTotal()).isEqualTo(200_000);
        Histogram all = Histograms.decode(run.responseTimeHistogram(), "all");
        assertThat(all.getTotalCount()).isEqualTo(100);
        assertThat(all.getValueAtPercentile(50)).isBetween(499L, 501L);
        assertThat(all.getMaxValue()).isBetween(999L, 1001L);
        assertThat(Histograms.decode(run.successResponseTimeHistogram(), "success").getTotalCount()).isEqualTo(90);
    }

    @Test
    void captureSpreadOverItsSeconds() {
        ScenarioRecorder first = new RunRecorder(plan).scenario("first");
        first.userStarted(10_000);
        // Runs from 10_300 to 12_500: 700 ms in the first second, 1000 in the second, 500 in the third.
        first.recordResponse(12_500, 2_250, 200, 10, true, null, 2_200);
        // Runs from 11_800 to 12_100, 200 ms in the second second and 100 in the third, and fails.
        first.recordResponse(12_100, 320, 500, 10, false, "HTTP 500", 300);
        first.closeSecond(10_000);
        first.closeSecond(11_000);
        first.closeSecond(12_000);
        // The sampler and the scenario's close may both name a second; it gets the capture times once.
        first.closeSecond(12_000);

        List<SecondSample> seconds = first.snapshot().seconds();

        assertThat(seconds).extracting(SecondSample::captureBusyMillis).containsExactly(700.0, 1200.0, 600.0, 0.0);
        assertThat(seconds).extracting(SecondSample::startedCaptures).containsExactly(1L, 1L, 0L, 0L);
        // The second capture starts while the first runs.
        assertThat(seconds).extracting(SecondSample::startedCaptureConcurrency).containsExactly(1.0, 2.0, 0.0, 0.0);
        assertThat(seconds).extracting(SecondSample::startedCaptureMillis).containsExactly(2200.0, 300.0, 0.0, 0.0);
        assertThat(seconds).extracting(SecondSample::startedCaptureSuccesses).containsExactly(1L, 0L, 0L, 0L);
    }

    @Test
    void samplesWithoutServerTimingHaveNoCaptureTimes() {
        ScenarioRecorder first = new RunRecorder(plan).scenario("first");
        first.userStarted(10_000);
        first.recordResponse(250, 200, 10, true, null);
        first.closeSecond(10_000);

        assertThat(first.snapshot().seconds()).singleElement()
                .satisfies(sample -> assertThat(sample.hasCaptureTimes()).isFalse());
    }

    @Test
    void secondsAddUpToTotals() {
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("first");
        ScenarioRecorder first = recorder.scenario("first");
        first.userStarted(0);
        first.recordResponse(100, 200, 10, true, null);
        first.closeSecond(0);
        first.recordResponse(300, 200, 10, true, null);
        first.recordResponse(500, 0, 0, false, "no response");
        first.closeSecond(1_000);
        recorder.stop();

        ScenarioRun run = recorder.scenario("first").snapshot();
        List<SecondSample> seconds = run.seconds();

        assertThat(seconds).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seconds.get(0).requests()).isEqualTo(1);
        assertThat(seconds.get(1).requests()).isEqualTo(2);
        assertThat(seconds.get(1).failures()).isEqualTo(1);
        assertThat(seconds.get(1).maxMillis()).isBetween(499L, 501L);
        assertThat(seconds.stream().mapToLong(SecondSample::requests).sum()).isEqualTo(run.requests());
        assertThat(seconds.stream().mapToLong(SecondSample::failures).sum()).isEqualTo(run.failures());
    }

    @Test
    void secondScenarioClosesFirstAndReportsIt() {
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("first");
        recorder.scenario("first").userStarted(0);
        recorder.scenario("first").recordResponse(250, 200, 10, true, null);
        recorder.scenario("first").userFinished(500);

        List<ScenarioRun> finished = recorder.beginScenario("second");

        assertThat(finished).extracting(ScenarioRun::name).containsExactly("first");
        assertThat(finished.get(0).requests()).isEqualTo(1);
    }

    @Test
    void unstartedScenariosAreSkippedWithReason() {
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("first");
        recorder.scenario("first").userStarted(0);
        recorder.skipRemaining("breaking point reached at first");
        recorder.stop();

        RunData data = recorder.toRunData("run", "Sim", "3.16.0", null, null);

        assertThat(data.scenarios()).extracting(ScenarioRun::status)
                .containsExactly(ScenarioStatus.COMPLETED, ScenarioStatus.SKIPPED, ScenarioStatus.SKIPPED);
        assertThat(data.scenarios().get(2).skipReason()).isEqualTo("breaking point reached at first");
    }

    @Test
    void runDataAndIntervalLogRoundTrip(@TempDir Path folder) throws Exception {
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("first");
        recorder.scenario("first").userStarted(System.currentTimeMillis());
        recorder.scenario("first").recordResponse(420, 200, 5_000, true, null);
        recorder.stop();
        RunData data = recorder.toRunData("capacitysimulation-1", "CapacitySimulation", "3.16.0",
                new TargetInfo("http://127.0.0.1:1", true, "mock", null), null);

        RunDataFiles.write(folder, data);
        Path log = recorder.writeIntervalLog(folder);
        RunData read = RunDataFiles.read(folder);

        assertThat(read.scenarios().get(0).requests()).isEqualTo(1);
        assertThat(read.plan()).isEqualTo(plan);
        assertThat(read.target().backend()).isEqualTo("mock");
        Histogram interval = (Histogram) new HistogramLogReader(log.toFile()).nextIntervalHistogram();
        assertThat(interval.getTag()).isEqualTo("first");
        assertThat(interval.getMaxValue()).isBetween(419L, 421L);
        assertThat(Files.list(folder).map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder(RunDataFiles.RUN_DATA_FILE, RunRecorder.INTERVAL_LOG_FILE);
    }
}
