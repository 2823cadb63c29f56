package io.shotload.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.plan.ScenarioSpec;
import io.shotload.run.Histograms;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioMetricsCalculatorTest {

    private static final long START = 10_000;

    private final ScenarioMetricsCalculator calculator = new ScenarioMetricsCalculator(AnalysisSettings.defaults());

    @Test
    void steadyWindowEndsWithThePlannedDuration() {
        // Five planned seconds at 4 successes each, then 1.8 s in which the last responses arrive.
        List<SecondSample> seconds = new ArrayList<>();
        for (int second = 0; second < 5; second++) {
            seconds.add(sample(second, 4, null));
        }
        seconds.add(sample(5, 2, null));
        seconds.add(sample(6, 1, null));

        ScenarioMetrics metrics = compute(new ScenarioSpec("two", 2, 5, 0, 0), START + 6_800, seconds);

        assertThat(metrics.steadyWindowSeconds()).isEqualTo(5.0);
        assertThat(metrics.throughputSteadyRps()).isCloseTo(4.0, within(1e-9));
        assertThat(metrics.windowSeconds()).isEqualTo(6.8);
    }

    @Test
    void firstSecondLeftOutWithoutRampUp() {
        // The first second's captures started together among fewer peers and took 100 ms each. Later ones
        // take 400 ms with 2 running, which gives 5 successes per second.
        List<SecondSample> seconds = new ArrayList<>();
        seconds.add(sample(0, 10, new double[] {2000, 10, 15, 1000, 10}));
        for (int second = 1; second < 5; second++) {
            seconds.add(sample(second, 5, new double[] {2000, 5, 10, 2000, 5}));
        }

        ScenarioMetrics metrics = compute(new ScenarioSpec("two", 2, 5, 0, 0), START + 5_000, seconds);

        assertThat(metrics.capturesInServiceSteady()).isCloseTo(2.0, within(1e-9));
        assertThat(metrics.serviceConcurrencySteady()).isCloseTo(2.0, within(1e-9));
        assertThat(metrics.serviceThroughputSteadyRps()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void serviceConcurrencyIsMetAtStart() {
        // Each second: two captures for 750 ms, then none for 250 ms. 3 captures start, each finding 2 running,
        // and take 1500 ms in all.
        List<SecondSample> seconds = new ArrayList<>();
        for (int second = 0; second < 4; second++) {
            seconds.add(sample(second, 3, new double[] {1500, 3, 6, 1500, 3}));
        }

        ScenarioMetrics metrics = compute(new ScenarioSpec("two", 2, 4, 1, 0), START + 4_000, seconds);

        assertThat(metrics.capturesInServiceSteady()).isCloseTo(1.5, within(1e-9));
        assertThat(metrics.serviceConcurrencySteady()).isCloseTo(2.0, within(1e-9));
        // Two captures running at 500 ms per success.
        assertThat(metrics.serviceThroughputSteadyRps()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void serviceThroughputCountsSuccessesPerCaptureTime() {
        // A ramp of 1 s, then 3 captures running. Each second starts 3 captures of 1000 ms that find 3 running.
        List<SecondSample> seconds = new ArrayList<>();
        seconds.add(sample(0, 1, new double[] {1000, 1, 1, 750, 1}));
        for (int second = 1; second < 4; second++) {
            seconds.add(sample(second, 3, new double[] {3000, 3, 9, 3000, 3}));
        }

        ScenarioMetrics metrics = compute(new ScenarioSpec("three", 3, 4, 1, 0), START + 4_000, seconds);

        assertThat(metrics.capturesInServiceSteady()).isCloseTo(3.0, within(1e-9));
        assertThat(metrics.serviceConcurrencySteady()).isCloseTo(3.0, within(1e-9));
        assertThat(metrics.serviceThroughputSteadyRps()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void serviceFiguresNeedCaptureTimesInEverySample() {
        List<SecondSample> seconds = List.of(sample(0, 4, new double[] {1000, 4, 4, 1000, 4}), sample(1, 4, null));

        ScenarioMetrics metrics = compute(new ScenarioSpec("one", 1, 2, 0, 0), START + 2_000, seconds);

        assertThat(metrics.capturesInServiceSteady()).isNull();
        assertThat(metrics.serviceThroughputSteadyRps()).isNull();
    }

    private ScenarioMetrics compute(ScenarioSpec spec, long end, List<SecondSample> seconds) {
        long successes = seconds.stream().mapToLong(SecondSample::successes).sum();
        String histogram = Histograms.encode(Histograms.newMillisHistogram());
        ScenarioRun run = new ScenarioRun(spec, ScenarioStatus.COMPLETED, null, START, end, successes, successes, 0,
                Map.of("200", successes), Map.of(), 0, histogram, histogram, seconds);
        return calculator.compute(run, List.of());
    }

    /**
     * Returns a second with the given successes and, optionally, capture times: {busy milliseconds,
     * captures started, captures running at their starts, their milliseconds, their successes}.
     */
    private static SecondSample sample(int second, long successes, double[] captureTimes) {
        SecondSample sample = new SecondSample(START + second * 1000L, 2, successes, successes, 0, 400.0, 400L, 400L,
                400L, 400L);
        return captureTimes == null ? sample
                : sample.withCaptureTimes(captureTimes[0], (long) captureTimes[1], captureTimes[2], captureTimes[3],
                        (long) captureTimes[4]);
    }
}
