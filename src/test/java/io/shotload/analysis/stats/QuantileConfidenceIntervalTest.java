package io.shotload.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class QuantileConfidenceIntervalTest {

    /** Samples 1, 2, ..., n, so the value of rank r is r. */
    private static double[] oneTo(int n) {
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            samples[i] = i + 1;
        }
        return samples;
    }

    /** Histogram of 1, 2, ..., n; 3 significant digits record values below 2048 exactly. */
    private static Histogram histogramOneTo(int n) {
        Histogram histogram = new Histogram(3_600_000L, 3);
        for (int value = 1; value <= n; value++) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    @Test
    void p95OfThousandUniformSamples() {
        // B ~ Binomial(1000, 0.95): F(935) = 0.02075 <= 0.025 < F(936) = 0.02843, so l = 936,
        // and F(962) = 0.96934 < 0.975 <= F(963) = 0.97885, so u = 964.
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(oneTo(1000), 0.95);

        assertThat(interval.sufficient()).isTrue();
        assertThat(interval.lowerRank()).isEqualTo(936);
        assertThat(interval.upperRank()).isEqualTo(964);
        assertThat(interval.lower()).isEqualTo(936.0);
        assertThat(interval.upper()).isEqualTo(964.0);
        assertThat(interval.estimate()).isEqualTo(950.0);
        assertThat(interval.coverage()).isCloseTo(0.97885 - 0.02075, within(1e-4));
    }

    @Test
    void p95IntervalBracketsTrueQuantile() {
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(oneTo(1000), 0.95);

        assertThat(interval.lower()).isLessThanOrEqualTo(950.0);
        assertThat(interval.upper()).isGreaterThanOrEqualTo(950.0);
        assertThat(interval.coverage()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void medianOfSixByHand() {
        // Binomial(6, 1/2): F(0) = 1/64 <= 0.025 < F(1) = 7/64, so l = 1.
        // F(4) = 57/64 < 0.975 <= F(5) = 63/64, so u = 6 and the coverage is 62/64.
        double[] samples = {3, 5, 8, 13, 21, 34};

        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(samples, 0.5);

        assertThat(interval.sufficient()).isTrue();
        assertThat(interval.lower()).isEqualTo(3.0);
        assertThat(interval.upper()).isEqualTo(34.0);
        assertThat(interval.coverage()).isCloseTo(62.0 / 64.0, within(1e-12));
        assertThat(interval.estimate()).isEqualTo(8.0);
    }

    @Test
    void nearestRankIgnoresRoundingNoise() {
        // In double arithmetic 0.07 * 100 = 7.000000000000001, which must still be rank 7.
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(oneTo(100), 0.07);

        assertThat(interval.estimate()).isEqualTo(7.0);
    }

    @Test
    void histogramMatchesSortedSamples() {
        double[] samples = oneTo(1000);
        Histogram histogram = histogramOneTo(1000);

        for (double quantile : new double[] {0.5, 0.9, 0.95, 0.99}) {
            QuantileConfidenceInterval fromArray = QuantileConfidenceInterval.fromSortedSamples(samples, quantile);
            QuantileConfidenceInterval fromHistogram = QuantileConfidenceInterval.fromHistogram(histogram, quantile);

            assertThat(fromHistogram.lowerRank()).as("lower rank of p%s", quantile).isEqualTo(fromArray.lowerRank());
            assertThat(fromHistogram.upperRank()).as("upper rank of p%s", quantile).isEqualTo(fromArray.upperRank());
            assertThat(fromHistogram.lower()).as("lower of p%s", quantile).isEqualTo(fromArray.lower());
            assertThat(fromHistogram.upper()).as("upper of p%s", quantile).isEqualTo(fromArray.upper());
            assertThat(fromHistogram.estimate()).as("estimate of p%s", quantile).isEqualTo(fromArray.estimate());
        }
    }

    @Test
    void histogramReadsEveryRankExactly() {
        // The half-rank offset must land on rank r for every r, not on r + 1.
        Histogram histogram = histogramOneTo(997);

        for (long rank = 1; rank <= 997; rank++) {
            long value = histogram.getValueAtPercentile(100.0 * (rank - 0.5) / 997);
            assertThat(value).as("value of rank %d", rank).isEqualTo(rank);
        }
    }

    @Test
    void minimumSampleCounts() {
        // At 95% confidence the interval itself needs p^n <= 0.025: n >= 367.04 for p99,
        // n >= 71.92 for p95 and n >= 5.32 for the median.
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.99, 0.95)).isEqualTo(368);
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.95, 0.95)).isEqualTo(72);
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.5, 0.95)).isEqualTo(6);
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.01, 0.95)).isEqualTo(368);
        // At 50% confidence the rule n >= 3 / (1 - p) is the larger bound.
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.99, 0.5)).isEqualTo(300);
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.95, 0.5)).isEqualTo(60);
        assertThat(QuantileConfidenceInterval.minimumSampleCount(0.9, 0.5)).isEqualTo(30);
    }

    @Test
    void p99NeedsMoreThanThreeHundred() {
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(oneTo(367), 0.99);

        assertThat(interval.sufficient()).isFalse();
        assertThat(interval.minimumSampleCount()).isEqualTo(368);
        assertThat(interval.lower()).isNaN();
        assertThat(interval.upper()).isNaN();
        assertThat(interval.lowerRank()).isZero();
        assertThat(interval.estimate()).isEqualTo(364.0);
    }

    @Test
    void p99AtMinimumIsSupported() {
        // Binomial(368, 0.99): F(359) = 0.0128 <= 0.025 < F(360) = 0.0336 and
        // F(366) = 0.883 < 0.975 <= F(367) = 0.9752, so l = 360 and u = 368.
        QuantileConfidenceInterval interval = QuantileConfidenceInterval.fromSortedSamples(oneTo(368), 0.99);

        assertThat(interval.sufficient()).isTrue();
        assertThat(interval.lowerRank()).isEqualTo(360);
        assertThat(interval.upperRank()).isEqualTo(368);
    }

    @Test
    void ruleMinimumAppliesAtLowConfidence() {
        // At 50% confidence the ranks exist from n = 138, but the rule requires 300 samples.
        QuantileConfidenceInterval interval =
                QuantileConfidenceInterval.fromSortedSamples(oneTo(299), 0.99, 0.5);

        assertThat(interval.sufficient()).isFalse();
        assertThat(interval.minimumSampleCount()).isEqualTo(300);
    }

    @Test
    void emptyHistogramIsInsufficient() {
        QuantileConfidenceInterval interval =
                QuantileConfidenceInterval.fromHistogram(new Histogram(3), 0.95);

        assertThat(interval.sufficient()).isFalse();
        assertThat(interval.sampleCount()).isZero();
        assertThat(interval.estimate()).isNaN();
    }

    @Test
    void nanSampleIsRejected() {
        double[] samples = {1.0, 2.0, Double.NaN, 4.0};

        assertThatThrownBy(() -> QuantileConfidenceInterval.fromSortedSamples(samples, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sortedSamples[2] = NaN");
    }

    @Test
    void unsortedSamplesAreRejected() {
        double[] samples = {1.0, 5.0, 3.0};

        assertThatThrownBy(() -> QuantileConfidenceInterval.fromSortedSamples(samples, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sortedSamples[2] = 3.0 < sortedSamples[1] = 5.0");
    }

    @Test
    void quantileOutsideUnitIntervalIsRejected() {
        assertThatThrownBy(() -> QuantileConfidenceInterval.fromSortedSamples(oneTo(10), 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantile = 1.0");
        assertThatThrownBy(() -> QuantileConfidenceInterval.fromSortedSamples(oneTo(10), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantile = NaN");
    }
}
