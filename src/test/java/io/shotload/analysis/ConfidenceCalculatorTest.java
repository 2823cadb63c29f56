package io.shotload.analysis;

import static io.shotload.analysis.RunFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.Histograms;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ConfidenceCalculatorTest {

    private final CapacityAnalyzer analyzer = new CapacityAnalyzer(AnalysisSettings.defaults());

    @Test
    void fewResponsesWithholdPercentiles() {
        // baseline_single: 1 user, 800 ms + 1 s think time for 30 s gives about 16 responses.
        ScenarioConfidence confidence = analyzer.analyze(RunFixtures.referenceRun().build()).scenarios().get(0)
                .confidence();

        assertThat(confidence.p99ResponseTimeMs().insufficientSamples()).isTrue();
        assertThat(confidence.p99ResponseTimeMs().value()).isNull();
        assertThat(confidence.p99ResponseTimeMs().samples()).isBetween(10L, 20L);
        assertThat(confidence.p99ResponseTimeMs().required()).isEqualTo(368);
        assertThat(confidence.p95ResponseTimeMs().required()).isEqualTo(72);
        assertThat(confidence.p95ResponseTimeMs().lowerMs()).isNull();
    }

    @Test
    void metricsKeepPercentileWhenInsufficient() {
        ScenarioResult baseline = analyzer.analyze(RunFixtures.referenceRun().build()).scenarios().get(0);

        assertThat(baseline.metrics().p99ResponseTimeMs()).isNotNull();
    }

    @Test
    void percentileIntervalBracketsValue() {
        // 20 users at 200 ms + 1 s think time for 60 s: about 1000 responses, enough for p99.
        ScenarioResult busy = analyzer.analyze(new RunFixtures.RunBuilder(11)
                .level(spec("busy", 20, 60, 0), 200, 0.0).build()).scenarios().get(0);
        ScenarioConfidence.PercentileInterval p99 = busy.confidence().p99ResponseTimeMs();
        ScenarioConfidence.PercentileInterval p95 = busy.confidence().p95ResponseTimeMs();

        assertThat(p99.insufficientSamples()).isFalse();
        assertThat(p99.value()).isEqualTo(busy.metrics().p99ResponseTimeMs());
        assertThat(p99.lowerMs()).isLessThanOrEqualTo(p99.value().doubleValue());
        assertThat(p99.upperMs()).isGreaterThanOrEqualTo(p99.value().doubleValue());
        assertThat(p99.coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(p95.lowerMs()).isLessThanOrEqualTo(p95.value().doubleValue());
        assertThat(p95.upperMs()).isGreaterThanOrEqualTo(p95.value().doubleValue());
    }

    @Test
    void throughputIntervalBracketsTrueRate() {
        // 10 users at 1000 ms + 1 s think time complete 5 requests/s; 10% fail at random, so 4.5 succeed.
        ScenarioResult result = analyzer.analyze(new RunFixtures.RunBuilder(5)
                .level(spec("steady", 10, 120, 0), 1000, 0.10).build()).scenarios().get(0);
        ScenarioConfidence.MeanInterval throughput = result.confidence().throughputSteadyRps();

        assertThat(throughput.insufficientSamples()).isFalse();
        assertThat(throughput.lowerRps()).isLessThan(4.5);
        assertThat(throughput.upperRps()).isGreaterThan(4.5);
        assertThat(throughput.lowerRps()).isLessThan(result.metrics().throughputSteadyRps());
        assertThat(throughput.upperRps()).isGreaterThan(result.metrics().throughputSteadyRps());
    }

    @Test
    void shortSteadyWindowIsInsufficient() {
        ScenarioConfidence confidence = analyzer.analyze(new RunFixtures.RunBuilder(5)
                .level(spec("short", 5, 30, 10), 1000, 0.0).build()).scenarios().get(0).confidence();

        assertThat(confidence.throughputSteadyRps().samples()).isEqualTo(20);
        assertThat(confidence.throughputSteadyRps().insufficientSamples()).isTrue();
        assertThat(confidence.throughputSteadyRps().lowerRps()).isNull();
    }

    @Test
    void warmUpIsTrimmedAndReported() {
        ScenarioRun run = runWithWarmUp(10, 1, 50, 5);

        ScenarioConfidence.WarmUp warmUp = ConfidenceCalculator.compute(run, metricsOf(run)).warmUp();

        assertThat(warmUp.seriesSeconds()).isEqualTo(60);
        assertThat(warmUp.droppedSeconds()).isEqualTo(10);
        assertThat(warmUp.throughputAfterWarmUp().meanRps()).isEqualTo(5.0);
        assertThat(warmUp.usedForSteadyThroughput()).isFalse();
    }

    @Test
    void warmUpOutsideIntervalWarns() {
        ScenarioRun run = runWithWarmUp(10, 1, 50, 5);
        CapacityAnalysis analysis = analyzer.analyze(new RunData(RunData.FORMAT_VERSION,
                "run", "CapacitySimulation", "3.16.0", run.startedAtEpochMillis(), run.endedAtEpochMillis(), null,
                new LoadPlan("p", "d", List.of(run.spec())), List.of(run), List.of(), List.of(), null,
                List.of()));

        assertThat(analysis.scenarios().get(0).metrics().throughputSteadyRps()).isCloseTo(4.33,
                within(0.01));
        assertThat(analysis.analysis().warnings()).anyMatch(warning -> warning.contains("MSER-5 finds a warm-up of 10 s"));
    }

    private ScenarioMetrics metricsOf(ScenarioRun run) {
        return new ScenarioMetricsCalculator(AnalysisSettings.defaults()).compute(run, List.of());
    }

    /** Builds a scenario with no ramp-up whose first {@code slowSeconds} complete {@code slowRate} successes each. */
    private static ScenarioRun runWithWarmUp(int slowSeconds, int slowRate, int fastSeconds, int fastRate) {
        ScenarioSpec spec = spec("warm", 10, slowSeconds + fastSeconds, 0);
        long start = RunFixtures.START_EPOCH_MILLIS;
        Histogram histogram = Histograms.newMillisHistogram();
        List<SecondSample> seconds = new ArrayList<>();
        long total = 0;
        for (int second = 0; second < slowSeconds + fastSeconds; second++) {
            int count = second < slowSeconds ? slowRate : fastRate;
            for (int i = 0; i < count; i++) {
                Histograms.recordMillis(histogram, 900);
            }
            seconds.add(new SecondSample(start + second * 1000L, 10, count, count, 0, 900.0, 900L, 900L, 900L, 900L));
            total += count;
        }
        String encoded = Histograms.encode(histogram);
        return new ScenarioRun(spec, ScenarioStatus.COMPLETED, null, start, start + seconds.size() * 1000L, total,
                total, 0, Map.of("200", total), Map.of(), 0, encoded, encoded, seconds);
    }
}
