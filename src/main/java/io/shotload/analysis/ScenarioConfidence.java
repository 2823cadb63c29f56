package io.shotload.analysis;

/**
 * Confidence intervals of a scenario's key figures, written as {@code confidence} beside each scenario's
 * {@code metrics}; {@link ConfidenceCalculator} defines each interval. The {@code metrics} fields keep
 * their meaning, so readers of the results file that ignore this object see no change.
 *
 * @param confidenceLevel the coverage every interval aims for, 0.95
 * @param p95ResponseTimeMs the 95th percentile of all response times with its interval
 * @param p99ResponseTimeMs the 99th percentile of all response times with its interval
 * @param throughputSteadyRps steady successful throughput with a batch-means interval
 * @param warmUp the MSER-5 warm-up search on the steady per-second successes
 */
public record ScenarioConfidence(
        double confidenceLevel,
        PercentileInterval p95ResponseTimeMs,
        PercentileInterval p99ResponseTimeMs,
        MeanInterval throughputSteadyRps,
        WarmUp warmUp) {

    /**
     * A response-time percentile from the scenario's HdrHistogram with a distribution-free interval.
     *
     * @param value the percentile as {@code metrics} reports it, in ms; {@code null} when the samples are
     *     too few to report it
     * @param insufficientSamples whether {@code samples < required}, so no value or interval is reported
     * @param samples responses in the histogram
     * @param required responses needed for the interval at this level, 72 for p95 and 368 for p99 at 95%
     * @param lowerMs the interval's lower bound, an order statistic; {@code null} when insufficient
     * @param upperMs the interval's upper bound; {@code null} when insufficient
     * @param coverage the exact coverage of the order-statistic interval, at least the level; {@code null}
     *     when insufficient
     */
    public record PercentileInterval(Long value, boolean insufficientSamples, long samples, long required,
            Double lowerMs, Double upperMs, Double coverage) {}

    /**
     * A mean of a per-second series with a batch-means Student-t interval.
     *
     * @param meanRps the mean of the seconds used, in successful responses per second; {@code null} when
     *     there are none
     * @param lowerRps the interval's lower bound; {@code null} when insufficient
     * @param upperRps the interval's upper bound; {@code null} when insufficient
     * @param insufficientSamples whether the series was shorter than {@code required}
     * @param samples whole seconds in the series
     * @param required whole seconds needed for an interval, 25 (5 batches of 5)
     * @param batches batches used, 0 when insufficient
     * @param batchSeconds seconds per batch, 0 when insufficient
     */
    public record MeanInterval(Double meanRps, Double lowerRps, Double upperRps, boolean insufficientSamples,
            int samples, int required, int batches, int batchSeconds) {}

    /**
     * The warm-up that MSER-5 finds in the steady window, reported beside the steady throughput and
     * never used for it; {@link ConfidenceCalculator} gives the reason.
     *
     * @param seriesSeconds whole seconds of the steady window that were searched
     * @param droppedSeconds leading seconds MSER-5 would drop, a multiple of 5
     * @param outcome {@code truncated}, {@code minimum_at_search_limit} or {@code series_too_short}
     * @param explanation one sentence for a reader
     * @param throughputAfterWarmUp the throughput over the seconds after the warm-up, with its interval
     * @param usedForSteadyThroughput always false: {@code throughput_steady_rps} keeps the planned window
     */
    public record WarmUp(int seriesSeconds, int droppedSeconds, String outcome, String explanation,
            MeanInterval throughputAfterWarmUp, boolean usedForSteadyThroughput) {}
}
