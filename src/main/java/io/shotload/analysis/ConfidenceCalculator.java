package io.shotload.analysis;

import io.shotload.analysis.stats.BatchMeansInterval;
import io.shotload.analysis.stats.Mser5;
import io.shotload.analysis.stats.QuantileConfidenceInterval;
import io.shotload.run.Histograms;
import io.shotload.run.ScenarioRun;
import io.shotload.run.SecondSample;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Computes a scenario's {@link ScenarioConfidence}, all at 95%.
 *
 * <ul>
 *   <li>p95 and p99: {@link QuantileConfidenceInterval#fromHistogram} on the histogram of all responses,
 *       the one that gives {@code metrics.p95_response_time_ms}. The interval's bounds are order
 *       statistics, so they hold for any response-time distribution. Below the minimum sample count
 *       (72 for p95, 368 for p99) the value is withheld, because a p99 from 120 responses is the
 *       second-slowest response and describes the tail poorly.</li>
 *   <li>Steady throughput: {@link BatchMeansInterval} over the successes of each whole second of the
 *       steady window. Partial seconds at the window's edges are left out, so the interval's mean can
 *       differ slightly from {@code throughput_steady_rps}, which weights those seconds by their share.</li>
 *   <li>Warm-up: {@link Mser5} on the same per-second series. The steady window already starts after the
 *       planned ramp-up, so MSER-5 looks for warm-up beyond it, such as browsers still starting. Its cut
 *       is reported with the throughput after it, but {@code throughput_steady_rps} keeps the planned
 *       window: on a 30 to 60 s series MSER-5 may drop up to half of it on noise alone, and a window that
 *       moves with the noise would make the breaking point, the optimum and the comparison with earlier
 *       runs depend on it. {@link Warnings} flags a warm-up whose cut moves the mean by more than the
 *       interval after the cut.</li>
 * </ul>
 */
final class ConfidenceCalculator {

    /** Coverage of every interval. */
    static final double CONFIDENCE_LEVEL = 0.95;

    private static final long MILLIS_PER_SECOND = 1000;

    private ConfidenceCalculator() {}

    /**
     * Computes the intervals of a scenario that ran.
     *
     * @throws io.shotload.run.InvalidRunDataException when the histogram is corrupt
     */
    static ScenarioConfidence compute(ScenarioRun run, ScenarioMetrics metrics) {
        Histogram all = Histograms.decode(run.responseTimeHistogram(), run.name() + ".response_time_histogram");
        double[] steady = steadySuccessesPerSecond(run);
        Mser5.Truncation truncation = Mser5.truncate(steady);
        double[] afterWarmUp = Arrays.copyOfRange(steady, truncation.droppedSamples(), steady.length);
        ScenarioConfidence.WarmUp warmUp = new ScenarioConfidence.WarmUp(steady.length,
                truncation.droppedSamples(), truncation.outcome().name().toLowerCase(Locale.ROOT),
                truncation.explanation(), mean(afterWarmUp), false);
        return new ScenarioConfidence(CONFIDENCE_LEVEL,
                percentile(all, 0.95, metrics.p95ResponseTimeMs()),
                percentile(all, 0.99, metrics.p99ResponseTimeMs()),
                mean(steady),
                warmUp);
    }

    private static ScenarioConfidence.PercentileInterval percentile(Histogram histogram, double quantile,
            Long reported) {
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromHistogram(histogram, quantile,
                CONFIDENCE_LEVEL);
        if (!interval.sufficient()) {
            return new ScenarioConfidence.PercentileInterval(null, true, interval.sampleCount(),
                    interval.minimumSampleCount(), null, null, null);
        }
        return new ScenarioConfidence.PercentileInterval(reported, false, interval.sampleCount(),
                interval.minimumSampleCount(), interval.lower(), interval.upper(),
                Numbers.round(interval.coverage(), 4));
    }

    private static ScenarioConfidence.MeanInterval mean(double[] series) {
        BatchMeansInterval interval = BatchMeansInterval.of(series, BatchMeansInterval.DEFAULT_MAX_BATCHES,
                CONFIDENCE_LEVEL);
        Double mean = Numbers.finiteOrNull(interval.mean());
        if (!interval.sufficient()) {
            return new ScenarioConfidence.MeanInterval(mean, null, null, true, series.length,
                    BatchMeansInterval.MIN_SAMPLES, 0, 0);
        }
        return new ScenarioConfidence.MeanInterval(mean, Numbers.finiteOrNull(interval.lower()),
                Numbers.finiteOrNull(interval.upper()), false, series.length, BatchMeansInterval.MIN_SAMPLES,
                interval.batchCount(), interval.batchSize());
    }

    /** Returns the successes of each whole second from the end of the ramp-up to the scenario's end. */
    static double[] steadySuccessesPerSecond(ScenarioRun run) {
        if (run.seconds().isEmpty()) {
            return new double[0];
        }
        long start = run.startedAtEpochMillis() != null
                ? run.startedAtEpochMillis()
                : run.seconds().get(0).startEpochMillis();
        long steadyStart = start + run.spec().rampUpSeconds() * MILLIS_PER_SECOND;
        long end = run.endedAtEpochMillis() != null
                ? run.endedAtEpochMillis()
                : run.seconds().get(run.seconds().size() - 1).startEpochMillis() + MILLIS_PER_SECOND;
        return run.seconds().stream()
                .filter(sample -> sample.startEpochMillis() >= steadyStart
                        && sample.startEpochMillis() + MILLIS_PER_SECOND <= end)
                .mapToDouble(SecondSample::successes)
                .toArray();
    }
}
