package io.shotload.analysis.stats;

import java.util.function.LongToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Distribution-free confidence interval for a quantile, built from order statistics.
 *
 * <p>Design note. Let {@code B ~ Binomial(n, p)} count the samples below the true p-quantile
 * {@code x_p}. The k-th smallest sample {@code X_(k)} (1-based rank) is at most {@code x_p}
 * exactly when {@code B >= k}, so for ranks {@code l < u}:
 *
 * <pre>
 *   P(X_(l) <= x_p < X_(u)) = P(l <= B < u) = F(u - 1) - F(l - 1),  F = CDF of B
 *   l = largest rank with  F(l - 1) <= alpha / 2
 *   u = smallest rank with F(u - 1) >= 1 - alpha / 2,               alpha = 1 - confidenceLevel
 * </pre>
 *
 * <p>Each tail gets at most {@code alpha / 2}, so the coverage is at least the confidence level
 * and is reported exactly in {@link #coverage()}. This holds for any continuous distribution,
 * with no normality assumption.
 *
 * <p>Sample size. The interval exists only when {@code l >= 1} and {@code u <= n}, which needs
 * {@code (1 - p)^n <= alpha / 2} and {@code p^n <= alpha / 2}. This project also requires
 * {@code n >= 3 / min(p, 1 - p)}, so that about 3 samples are expected beyond the quantile
 * (300 for p99, 60 for p95, 6 for the median). {@link #minimumSampleCount} is the larger of the
 * two bounds, for example 368 for p99 and 72 for p95 at 95% confidence. Below it the result has
 * {@code sufficient == false}, ranks 0 and NaN bounds and coverage, because no interval is
 * reported. The point estimate is the nearest-rank value {@code X_(ceil(n p))}, NaN when
 * {@code n == 0}. With too few samples it is still filled in but should not be trusted.
 *
 * @param quantile the quantile p, in (0, 1); 0.99 is p99
 * @param confidenceLevel requested coverage, in (0, 1)
 * @param sampleCount number of samples n
 * @param minimumSampleCount smallest n for which an interval is reported
 * @param sufficient true when {@code sampleCount >= minimumSampleCount} and the interval exists
 * @param estimate nearest-rank point estimate, in the unit of the samples
 * @param lowerRank 1-based rank l of the lower bound, 0 when insufficient
 * @param upperRank 1-based rank u of the upper bound, 0 when insufficient
 * @param lower value of rank l, in the unit of the samples
 * @param upper value of rank u, in the unit of the samples
 * @param coverage exact probability {@code P(l <= B < u)}, at least the confidence level
 */
public record QuantileConfidenceInterval(
        double quantile,
        double confidenceLevel,
        long sampleCount,
        long minimumSampleCount,
        boolean sufficient,
        double estimate,
        long lowerRank,
        long upperRank,
        double lower,
        double upper,
        double coverage) {

    /** Confidence level used when none is given. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /** Samples expected beyond the quantile before it is reported: n >= this / min(p, 1 - p). */
    public static final double MIN_EXPECTED_TAIL_SAMPLES = 3.0;

    public QuantileConfidenceInterval {
        requireOpenUnitInterval("quantile", quantile);
        requireOpenUnitInterval("confidenceLevel", confidenceLevel);
        if (sampleCount < 0) {
            throw new IllegalArgumentException(
                    "Invalid quantile interval: sampleCount = " + sampleCount + "; expected >= 0.");
        }
        if (sufficient && !(lowerRank >= 1 && lowerRank < upperRank && upperRank <= sampleCount)) {
            throw new IllegalArgumentException("Invalid quantile interval: ranks " + lowerRank + " and " + upperRank
                    + " for " + sampleCount + " samples; expected 1 <= lowerRank < upperRank <= sampleCount.");
        }
        if (sufficient && lower > upper) {
            throw new IllegalArgumentException("Invalid quantile interval: lower = " + lower + " > upper = " + upper
                    + "; expected values of ascending ranks.");
        }
    }

    /** Computes the 95% interval for {@code quantile} from samples sorted in ascending order. */
    public static QuantileConfidenceInterval fromSortedSamples(double[] sortedSamples, double quantile) {
        return fromSortedSamples(sortedSamples, quantile, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * Computes the interval for {@code quantile} from samples sorted in ascending order.
     *
     * @throws IllegalArgumentException if the samples are null, contain NaN or are not sorted,
     *     or if quantile or confidence level lie outside (0, 1)
     */
    public static QuantileConfidenceInterval fromSortedSamples(
            double[] sortedSamples, double quantile, double confidenceLevel) {
        if (sortedSamples == null) {
            throw new IllegalArgumentException("Invalid quantile input: sortedSamples is null; expected an array.");
        }
        for (int i = 0; i < sortedSamples.length; i++) {
            if (Double.isNaN(sortedSamples[i])) {
                throw new IllegalArgumentException("Invalid quantile input: sortedSamples[" + i
                        + "] = NaN; expected a number. Drop failed or missing samples first.");
            }
            if (i > 0 && sortedSamples[i] < sortedSamples[i - 1]) {
                throw new IllegalArgumentException("Invalid quantile input: sortedSamples[" + i + "] = "
                        + sortedSamples[i] + " < sortedSamples[" + (i - 1) + "] = " + sortedSamples[i - 1]
                        + "; expected ascending order. Sort the samples with Arrays.sort first.");
            }
        }
        return compute(sortedSamples.length, rank -> sortedSamples[(int) (rank - 1)], quantile, confidenceLevel);
    }

    /** Computes the 95% interval for {@code quantile} from the values recorded in a histogram. */
    public static QuantileConfidenceInterval fromHistogram(Histogram histogram, double quantile) {
        return fromHistogram(histogram, quantile, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * Computes the interval for {@code quantile} from the values recorded in a histogram.
     *
     * <p>The value of rank r is read with {@code getValueAtPercentile(100 (r - 0.5) / n)}.
     * HdrHistogram 2.2.2 turns a percentile into the rank {@code ceil(percentile / 100 * n)}, so
     * the half-rank offset keeps floating-point rounding from landing on rank r + 1. The values
     * are therefore the same ranks as {@link #fromSortedSamples}, each reported as the highest
     * value equivalent to it at the histogram's precision.
     *
     * @throws IllegalArgumentException if the histogram is null or records more than
     *     {@link Integer#MAX_VALUE} values, or if quantile or confidence level lie outside (0, 1)
     */
    public static QuantileConfidenceInterval fromHistogram(
            Histogram histogram, double quantile, double confidenceLevel) {
        if (histogram == null) {
            throw new IllegalArgumentException("Invalid quantile input: histogram is null; expected a Histogram.");
        }
        long count = histogram.getTotalCount();
        LongToDoubleFunction valueAtRank =
                rank -> histogram.getValueAtPercentile(100.0 * (rank - 0.5) / count);
        return compute(count, valueAtRank, quantile, confidenceLevel);
    }

    /**
     * Returns the smallest sample count for which an interval is reported: the larger of
     * {@code ceil(3 / min(p, 1 - p))} and the smallest n for which both ranks exist.
     */
    public static long minimumSampleCount(double quantile, double confidenceLevel) {
        requireOpenUnitInterval("quantile", quantile);
        requireOpenUnitInterval("confidenceLevel", confidenceLevel);
        double tailProbability = Math.min(quantile, 1.0 - quantile);
        // The offset keeps 3 / (1 - 0.9) = 30.000000000000007 from rounding up to 31.
        long ruleMinimum = (long) Math.ceil(MIN_EXPECTED_TAIL_SAMPLES / tailProbability - 1e-9);

        // Both ranks exist once the larger of p^n and (1 - p)^n is at most alpha / 2.
        double halfAlpha = (1.0 - confidenceLevel) / 2.0;
        double largerProbability = Math.max(quantile, 1.0 - quantile);
        long existenceMinimum = (long) Math.ceil(Math.log(halfAlpha) / Math.log(largerProbability));
        while (existenceMinimum > 1 && Math.pow(largerProbability, existenceMinimum - 1) <= halfAlpha) {
            existenceMinimum--;
        }
        while (Math.pow(largerProbability, existenceMinimum) > halfAlpha) {
            existenceMinimum++;
        }
        return Math.max(ruleMinimum, existenceMinimum);
    }

    private static QuantileConfidenceInterval compute(
            long count, LongToDoubleFunction valueAtRank, double quantile, double confidenceLevel) {
        long minimum = minimumSampleCount(quantile, confidenceLevel);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid quantile input: " + count + " samples; at most "
                    + Integer.MAX_VALUE + " are supported. Compute the interval on a shorter window.");
        }
        double estimate = count == 0 ? Double.NaN : valueAtRank.applyAsDouble(nearestRank(count, quantile));
        if (count < minimum) {
            return insufficient(quantile, confidenceLevel, count, minimum, estimate);
        }

        BinomialDistribution belowQuantile = new BinomialDistribution(null, (int) count, quantile);
        double halfAlpha = (1.0 - confidenceLevel) / 2.0;
        long lowerRank = lowerRank(belowQuantile, halfAlpha);
        long upperRank = belowQuantile.inverseCumulativeProbability(1.0 - halfAlpha) + 1L;
        if (lowerRank < 1 || upperRank > count) {
            return insufficient(quantile, confidenceLevel, count, minimum, estimate);
        }

        double coverage = belowQuantile.cumulativeProbability((int) upperRank - 1)
                - belowQuantile.cumulativeProbability((int) lowerRank - 1);
        return new QuantileConfidenceInterval(quantile, confidenceLevel, count, minimum, true, estimate,
                lowerRank, upperRank, valueAtRank.applyAsDouble(lowerRank), valueAtRank.applyAsDouble(upperRank),
                coverage);
    }

    /** Returns the largest rank l with F(l - 1) <= alpha / 2, or 0 when even F(0) is larger. */
    private static long lowerRank(BinomialDistribution belowQuantile, double halfAlpha) {
        // inverseCumulativeProbability gives the smallest k with F(k) >= alpha / 2. The largest
        // k with F(k) <= alpha / 2 is that k when F(k) equals alpha / 2, and k - 1 otherwise.
        int k = belowQuantile.inverseCumulativeProbability(halfAlpha);
        if (belowQuantile.cumulativeProbability(k) > halfAlpha) {
            k--;
        }
        return k + 1L;
    }

    private static long nearestRank(long count, double quantile) {
        // The tolerance keeps 0.07 * 100 = 7.000000000000001 on rank 7.
        long rank = (long) Math.ceil(quantile * count - 1e-12 * count);
        return Math.max(1, Math.min(count, rank));
    }

    private static QuantileConfidenceInterval insufficient(
            double quantile, double confidenceLevel, long count, long minimum, double estimate) {
        return new QuantileConfidenceInterval(quantile, confidenceLevel, count, minimum, false, estimate,
                0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    private static void requireOpenUnitInterval(String name, double value) {
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(
                    "Invalid quantile interval: " + name + " = " + value + "; expected a value in (0, 1).");
        }
    }
}
