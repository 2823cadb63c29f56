package io.shotload.analysis.stats;

/**
 * Finds the warm-up period to drop from the start of a per-second series with the MSER-5 rule.
 *
 * <p>Design note. MSER, the Marginal Standard Error Rule of White (1997), picks the truncation
 * point that minimises the squared standard error of the mean of the observations that remain.
 * MSER-5 (White, Cobb and Spratt, 2000) applies the same rule to means of non-overlapping
 * batches of 5 observations, which smooths per-second noise.
 *
 * <p>The rule, with {@code k = floor(n / 5)} batch means {@code Z_1 .. Z_k}:
 *
 * <pre>
 *   MSER(d) = sum_{j = d+1 .. k} (Z_j - mean(Z_{d+1} .. Z_k))^2 / (k - d)^2
 *   d*      = argmin MSER(d) over d = 0 .. min(floor(k / 2), k - 2)
 *   drop    = 5 * d* leading raw samples
 * </pre>
 *
 * <p>The search stops at half of the batches, as White recommends, so that at least half of the
 * data always remains. It also keeps at least 2 batches, because with a single remaining batch
 * MSER is 0 and would always win. Ties go to the smallest {@code d}. The last {@code n mod 5}
 * samples do not fill a batch and are left out of the statistic, but they are never dropped from
 * the series. A minimum at the end of the search range means the transient may last longer than
 * half of the run; the result flags that with {@link Outcome#MINIMUM_AT_SEARCH_LIMIT}.
 *
 * <p>Series shorter than {@value #MIN_SAMPLES} samples (2 batches) are not truncated: the result
 * has {@link Outcome#SERIES_TOO_SHORT}, 0 samples to drop and a NaN statistic. NaN and infinite
 * values are rejected with an {@link IllegalArgumentException} that names the index.
 */
public final class Mser5 {

    /** Number of raw observations averaged into one batch mean. */
    public static final int BATCH_SIZE = 5;

    /** Shortest series that is analysed: 2 batches of {@value #BATCH_SIZE}. */
    public static final int MIN_SAMPLES = 2 * BATCH_SIZE;

    private Mser5() {
    }

    /** Result category of a truncation search. */
    public enum Outcome {
        /** The minimum lies inside the search range. */
        TRUNCATED,
        /** The minimum lies at the last truncation point searched, so the warm-up may be longer. */
        MINIMUM_AT_SEARCH_LIMIT,
        /** Fewer than {@value Mser5#MIN_SAMPLES} samples, so nothing was computed or dropped. */
        SERIES_TOO_SHORT
    }

    /**
     * Truncation point found by MSER-5.
     *
     * @param droppedSamples number of leading raw samples to drop, a multiple of 5
     * @param mserStatistic MSER of the batch means at the chosen point, in squared units of the
     *     series; NaN when the series is too short
     * @param batchCount number of complete batches of 5 in the series
     * @param outcome how the point was found
     * @param explanation one sentence for a report, saying what was dropped or why nothing was
     */
    public record Truncation(
            int droppedSamples, double mserStatistic, int batchCount, Outcome outcome, String explanation) {

        public Truncation {
            if (droppedSamples < 0 || droppedSamples % BATCH_SIZE != 0) {
                throw new IllegalArgumentException("Invalid MSER-5 truncation: droppedSamples = "
                        + droppedSamples + "; expected a multiple of " + BATCH_SIZE + " that is >= 0.");
            }
            if (batchCount < 0) {
                throw new IllegalArgumentException(
                        "Invalid MSER-5 truncation: batchCount = " + batchCount + "; expected >= 0.");
            }
            if (outcome == null || explanation == null) {
                throw new IllegalArgumentException("Invalid MSER-5 truncation: outcome and explanation are required.");
            }
        }
    }

    /**
     * Computes the MSER-5 truncation point of a series such as requests completed per second.
     *
     * @param series observations in time order; not modified
     * @return the number of leading samples to drop and the statistic at that point
     * @throws IllegalArgumentException if the series is null or contains NaN or an infinite value
     */
    public static Truncation truncate(double[] series) {
        if (series == null) {
            throw new IllegalArgumentException("Invalid MSER-5 input: series is null; expected an array of observations.");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("Invalid MSER-5 input: series[" + i + "] = " + series[i]
                        + "; expected a finite value. Remove or fill missing seconds before truncation.");
            }
        }

        int batchCount = series.length / BATCH_SIZE;
        if (series.length < MIN_SAMPLES) {
            return new Truncation(0, Double.NaN, batchCount, Outcome.SERIES_TOO_SHORT,
                    "Nothing dropped: the series has " + series.length + " samples and MSER-5 needs at least "
                            + MIN_SAMPLES + ".");
        }

        double[] batchMeans = batchMeans(series, batchCount);
        int lastCandidate = Math.min(batchCount / 2, batchCount - 2);

        int bestBatches = 0;
        double bestStatistic = mser(batchMeans, 0);
        for (int d = 1; d <= lastCandidate; d++) {
            double statistic = mser(batchMeans, d);
            if (statistic < bestStatistic) {
                bestStatistic = statistic;
                bestBatches = d;
            }
        }

        int dropped = bestBatches * BATCH_SIZE;
        if (bestBatches == lastCandidate && lastCandidate > 0) {
            return new Truncation(dropped, bestStatistic, batchCount, Outcome.MINIMUM_AT_SEARCH_LIMIT,
                    "Dropped " + dropped + " of " + series.length + " samples, the most the rule allows;"
                            + " the warm-up may be longer, so consider a longer run.");
        }
        return new Truncation(dropped, bestStatistic, batchCount, Outcome.TRUNCATED,
                "Dropped " + dropped + " of " + series.length + " samples as warm-up.");
    }

    private static double[] batchMeans(double[] series, int batchCount) {
        double[] means = new double[batchCount];
        for (int b = 0; b < batchCount; b++) {
            double sum = 0;
            for (int i = b * BATCH_SIZE; i < (b + 1) * BATCH_SIZE; i++) {
                sum += series[i];
            }
            means[b] = sum / BATCH_SIZE;
        }
        return means;
    }

    /** Computes MSER(d) of the batch means that remain after dropping the first {@code d}. */
    private static double mser(double[] batchMeans, int d) {
        int remaining = batchMeans.length - d;
        double sum = 0;
        for (int j = d; j < batchMeans.length; j++) {
            sum += batchMeans[j];
        }
        double mean = sum / remaining;

        double squares = 0;
        for (int j = d; j < batchMeans.length; j++) {
            double deviation = batchMeans[j] - mean;
            squares += deviation * deviation;
        }
        return squares / ((double) remaining * remaining);
    }
}
