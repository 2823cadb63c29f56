package io.shotload.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shotload.analysis.stats.Mser5.Outcome;
import io.shotload.analysis.stats.Mser5.Truncation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Mser5Test {

    private static final long SEED = 20240611L;

    @Test
    void handComputedBatchMeans() {
        // Batch means 0, 10, 10, 10: MSER(0) = 75 / 16, MSER(1) = 0, MSER(2) = 0 (tie keeps d = 1).
        double[] series = new double[20];
        for (int i = 5; i < 20; i++) {
            series[i] = 10.0;
        }

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.droppedSamples()).isEqualTo(5);
        assertThat(truncation.mserStatistic()).isEqualTo(0.0);
        assertThat(truncation.batchCount()).isEqualTo(4);
        assertThat(truncation.outcome()).isEqualTo(Outcome.TRUNCATED);
    }

    @Test
    void initialTransientIsDropped() {
        // Throughput climbs towards 100 req/s with a time constant of 8 s. After 40 s the
        // remaining bias is 0.7 req/s, well below the noise standard deviation of 5 req/s.
        Random random = new Random(SEED);
        double[] series = new double[300];
        for (int t = 0; t < series.length; t++) {
            series[t] = 100.0 * (1.0 - Math.exp(-t / 8.0)) + 5.0 * random.nextGaussian();
        }

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.droppedSamples()).isBetween(15, 60);
        assertThat(truncation.outcome()).isEqualTo(Outcome.TRUNCATED);
    }

    @Test
    void stationarySeriesKeepsNearlyEverything() {
        Random random = new Random(SEED);
        double[] series = new double[300];
        for (int t = 0; t < series.length; t++) {
            series[t] = 100.0 + 5.0 * random.nextGaussian();
        }

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.droppedSamples()).isLessThanOrEqualTo(10);
    }

    @Test
    void constantSeriesDropsNothing() {
        double[] series = new double[50];
        java.util.Arrays.fill(series, 42.0);

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.droppedSamples()).isZero();
        assertThat(truncation.mserStatistic()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void endlessTrendHitsSearchLimit() {
        double[] series = new double[100];
        for (int t = 0; t < series.length; t++) {
            series[t] = t;
        }

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.outcome()).isEqualTo(Outcome.MINIMUM_AT_SEARCH_LIMIT);
        assertThat(truncation.droppedSamples()).isEqualTo(50);
        assertThat(truncation.explanation()).contains("warm-up may be longer");
    }

    @Test
    void leftoverSamplesDoNotShiftBatches() {
        // 23 samples: 4 full batches, the last 3 samples are outside every batch.
        double[] series = new double[23];
        for (int i = 5; i < 20; i++) {
            series[i] = 10.0;
        }
        series[20] = 1000.0;
        series[21] = 1000.0;
        series[22] = 1000.0;

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.batchCount()).isEqualTo(4);
        assertThat(truncation.droppedSamples()).isEqualTo(5);
    }

    @Test
    void shortSeriesDropsNothing() {
        double[] series = {50, 0, 0, 0, 0, 0, 0, 0, 0};

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.outcome()).isEqualTo(Outcome.SERIES_TOO_SHORT);
        assertThat(truncation.droppedSamples()).isZero();
        assertThat(truncation.mserStatistic()).isNaN();
        assertThat(truncation.explanation()).contains("9 samples", "at least 10");
    }

    @Test
    void emptySeriesDropsNothing() {
        Truncation truncation = Mser5.truncate(new double[0]);

        assertThat(truncation.outcome()).isEqualTo(Outcome.SERIES_TOO_SHORT);
        assertThat(truncation.droppedSamples()).isZero();
    }

    @Test
    void tenSamplesAreNeverFullyTruncated() {
        // Two batches leave no room to drop one: a single remaining batch would score MSER = 0.
        double[] series = {0, 0, 0, 0, 0, 9, 9, 9, 9, 9};

        Truncation truncation = Mser5.truncate(series);

        assertThat(truncation.droppedSamples()).isZero();
        assertThat(truncation.outcome()).isEqualTo(Outcome.TRUNCATED);
    }

    @Test
    void nanIsRejected() {
        double[] series = new double[20];
        series[3] = Double.NaN;

        assertThatThrownBy(() -> Mser5.truncate(series))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series[3] = NaN");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> Mser5.truncate(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series is null");
    }
}
