package io.shotload.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Confidence interval for the mean of an autocorrelated series, such as throughput per second,
 * by the method of non-overlapping batch means.
 *
 * <p>Design note. Consecutive seconds of a load test are correlated, so the plain standard error
 * of the mean is too small. Averaging the series over a few long batches gives batch means that
 * are close to independent and normal, and a Student-t interval on them is then valid:
 *
 * <pre>
 *   k = min(maxBatches, floor(n / 5)) batches of b = floor(n / k) consecutive samples
 *   Y_j = mean of batch j,  mean = (Y_1 + ... + Y_k) / k
 *   S^2 = sum (Y_j - mean)^2 / (k - 1)
 *   halfWidth = t_{1 - alpha/2, k - 1} * S / sqrt(k),   alpha = 1 - confidenceLevel
 * </pre>
 *
 * <p>The default of {@value #DEFAULT_MAX_BATCHES} batches trades degrees of freedom (9) against
 * batch length, because fewer and longer batches are closer to independent. Each batch has
 * at least {@value #MIN_BATCH_SIZE} samples, and at least {@value #MIN_BATCHES} batches are
 * required, so fewer than {@value #MIN_SAMPLES} samples give an insufficient result. The last
 * {@code n mod k} samples do not fill a batch and are left out. A sufficient result reports the
 * mean of the {@code k b} samples used. An insufficient one reports the mean of all samples
 * (NaN when there are none) with NaN half-width and bounds and 0 batches.
 *
 * <p>NOTE: the method assumes that batches are much longer than the correlation time of the
 * series. That is not checked, so with short batches (10 batches of 6 s from a 60 s run, say)
 * the interval can be too narrow for a series that drifts slowly.
 *
 * @param mean mean of the samples used, in the unit of the series
 * @param halfWidth half the interval width, in the unit of the series; NaN when insufficient
 * @param lower {@code mean - halfWidth}
 * @param upper {@code mean + halfWidth}
 * @param confidenceLevel requested coverage, in (0, 1)
 * @param batchCount number of batches k, 0 when insufficient
 * @param batchSize samples per batch b, 0 when insufficient
 * @param sampleCount number of samples given, including the unused remainder
 * @param sufficient true when at least {@value #MIN_SAMPLES} samples were given
 */
public record BatchMeansInterval(
        double mean,
        double halfWidth,
        double lower,
        double upper,
        double confidenceLevel,
        int batchCount,
        int batchSize,
        int sampleCount,
        boolean sufficient) {

    /** Number of batches used when the series is long enough. */
    public static final int DEFAULT_MAX_BATCHES = 10;

    /** Smallest number of samples in a batch. */
    public static final int MIN_BATCH_SIZE = 5;

    /** Smallest number of batches that gets an interval, which then has 4 degrees of freedom. */
    public static final int MIN_BATCHES = 5;

    /** Smallest series that gets an interval. */
    public static final int MIN_SAMPLES = MIN_BATCHES * MIN_BATCH_SIZE;

    /** Confidence level used when none is given. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    public BatchMeansInterval {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0)) {
            throw new IllegalArgumentException("Invalid batch means interval: confidenceLevel = " + confidenceLevel
                    + "; expected a value in (0, 1).");
        }
        if (sufficient && (batchCount < MIN_BATCHES || batchSize < MIN_BATCH_SIZE)) {
            throw new IllegalArgumentException("Invalid batch means interval: " + batchCount + " batches of "
                    + batchSize + " samples; expected at least " + MIN_BATCHES + " batches of " + MIN_BATCH_SIZE + ".");
        }
        if (sufficient && !(halfWidth >= 0.0)) {
            throw new IllegalArgumentException(
                    "Invalid batch means interval: halfWidth = " + halfWidth + "; expected a value >= 0.");
        }
    }

    /** Computes the 95% interval with up to {@value #DEFAULT_MAX_BATCHES} batches. */
    public static BatchMeansInterval of(double[] series) {
        return of(series, DEFAULT_MAX_BATCHES, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * Computes the interval for the mean of {@code series}.
     *
     * @param series observations in time order, for example requests completed per second
     * @param maxBatches largest number of batches, at least {@value #MIN_BATCHES}
     * @param confidenceLevel requested coverage, in (0, 1)
     * @throws IllegalArgumentException if the series is null or contains NaN or an infinite value,
     *     or if maxBatches or confidenceLevel is out of range
     */
    public static BatchMeansInterval of(double[] series, int maxBatches, double confidenceLevel) {
        if (series == null) {
            throw new IllegalArgumentException("Invalid batch means input: series is null; expected an array.");
        }
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0)) {
            throw new IllegalArgumentException("Invalid batch means input: confidenceLevel = " + confidenceLevel
                    + "; expected a value in (0, 1), such as 0.95.");
        }
        if (maxBatches < MIN_BATCHES) {
            throw new IllegalArgumentException("Invalid batch means input: maxBatches = " + maxBatches
                    + "; expected at least " + MIN_BATCHES + ".");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("Invalid batch means input: series[" + i + "] = " + series[i]
                        + "; expected a finite value. Remove or fill missing seconds first.");
            }
        }

        int n = series.length;
        if (n < MIN_SAMPLES) {
            double mean = n == 0 ? Double.NaN : sum(series, 0, n) / n;
            return new BatchMeansInterval(mean, Double.NaN, Double.NaN, Double.NaN, confidenceLevel, 0, 0, n, false);
        }

        int batchCount = Math.min(maxBatches, n / MIN_BATCH_SIZE);
        int batchSize = n / batchCount;
        double[] batchMeans = new double[batchCount];
        for (int j = 0; j < batchCount; j++) {
            batchMeans[j] = sum(series, j * batchSize, (j + 1) * batchSize) / batchSize;
        }

        double mean = sum(batchMeans, 0, batchCount) / batchCount;
        double squares = 0.0;
        for (double batchMean : batchMeans) {
            squares += (batchMean - mean) * (batchMean - mean);
        }
        double standardError = Math.sqrt(squares / (batchCount - 1) / batchCount);

        double alpha = 1.0 - confidenceLevel;
        double t = new TDistribution(null, batchCount - 1).inverseCumulativeProbability(1.0 - alpha / 2.0);
        double halfWidth = t * standardError;
        return new BatchMeansInterval(mean, halfWidth, mean - halfWidth, mean + halfWidth, confidenceLevel,
                batchCount, batchSize, n, true);
    }

    private static double sum(double[] values, int fromInclusive, int toExclusive) {
        double total = 0.0;
        for (int i = fromInclusive; i < toExclusive; i++) {
            total += values[i];
        }
        return total;
    }
}
