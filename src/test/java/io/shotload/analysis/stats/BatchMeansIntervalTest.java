package io.shotload.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchMeansIntervalTest {

    private static final long SEED = 20240611L;

    /** Five batches of five samples, each batch constant at 1, 2, 3, 4 and 5. */
    private static double[] fiveStepSeries() {
        double[] series = new double[25];
        for (int i = 0; i < series.length; i++) {
            series[i] = i / 5 + 1;
        }
        return series;
    }

    @Test
    void fiveBatchesByHand() {
        // Batch means 1..5: mean 3, S^2 = 10 / 4 = 2.5, standard error sqrt(2.5 / 5) = sqrt(0.5),
        // t(0.975, 4 df) = 2.776445, so the half-width is 1.963243.
        BatchMeansInterval interval = BatchMeansInterval.of(fiveStepSeries());

        assertThat(interval.sufficient()).isTrue();
        assertThat(interval.batchCount()).isEqualTo(5);
        assertThat(interval.batchSize()).isEqualTo(5);
        assertThat(interval.mean()).isCloseTo(3.0, within(1e-12));
        assertThat(interval.halfWidth()).isCloseTo(1.963243, within(1e-6));
        assertThat(interval.lower()).isCloseTo(3.0 - 1.963243, within(1e-6));
        assertThat(interval.upper()).isCloseTo(3.0 + 1.963243, within(1e-6));
    }

    @Test
    void remainderIsLeftOut() {
        double[] series = java.util.Arrays.copyOf(fiveStepSeries(), 27);
        series[25] = 1000.0;
        series[26] = 1000.0;

        BatchMeansInterval interval = BatchMeansInterval.of(series);

        assertThat(interval.batchCount()).isEqualTo(5);
        assertThat(interval.sampleCount()).isEqualTo(27);
        assertThat(interval.mean()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void longSeriesUsesTenBatches() {
        BatchMeansInterval interval = BatchMeansInterval.of(new double[605]);

        assertThat(interval.batchCount()).isEqualTo(10);
        assertThat(interval.batchSize()).isEqualTo(60);
    }

    @Test
    void shortSeriesUsesFewerBatches() {
        BatchMeansInterval interval = BatchMeansInterval.of(new double[34]);

        assertThat(interval.batchCount()).isEqualTo(6);
        assertThat(interval.batchSize()).isEqualTo(5);
    }

    @Test
    void normalSeriesCoversTrueMean() {
        Random random = new Random(SEED);
        double[] series = new double[600];
        for (int i = 0; i < series.length; i++) {
            series[i] = 50.0 + 10.0 * random.nextGaussian();
        }

        BatchMeansInterval interval = BatchMeansInterval.of(series);

        assertThat(interval.lower()).isLessThanOrEqualTo(50.0);
        assertThat(interval.upper()).isGreaterThanOrEqualTo(50.0);
        // Expected half-width: t(0.975, 9) * 10 / sqrt(600) = 0.92.
        assertThat(interval.halfWidth()).isBetween(0.5, 1.5);
    }

    @Test
    void coverageNearNominalOverReplications() {
        // 2000 independent series of 100 normal samples. With true coverage 0.95 the observed
        // share has standard deviation 0.0049, so 0.93..0.97 allows four standard deviations.
        Random random = new Random(SEED);
        int replications = 2000;
        int covered = 0;
        for (int r = 0; r < replications; r++) {
            double[] series = new double[100];
            for (int i = 0; i < series.length; i++) {
                series[i] = 50.0 + 10.0 * random.nextGaussian();
            }
            BatchMeansInterval interval = BatchMeansInterval.of(series);
            if (interval.lower() <= 50.0 && 50.0 <= interval.upper()) {
                covered++;
            }
        }

        assertThat((double) covered / replications).isBetween(0.93, 0.97);
    }

    @Test
    void fewSamplesAreInsufficient() {
        double[] series = new double[24];
        java.util.Arrays.fill(series, 7.0);

        BatchMeansInterval interval = BatchMeansInterval.of(series);

        assertThat(interval.sufficient()).isFalse();
        assertThat(interval.mean()).isEqualTo(7.0);
        assertThat(interval.halfWidth()).isNaN();
        assertThat(interval.lower()).isNaN();
        assertThat(interval.batchCount()).isZero();
    }

    @Test
    void emptySeriesHasNanMean() {
        BatchMeansInterval interval = BatchMeansInterval.of(new double[0]);

        assertThat(interval.sufficient()).isFalse();
        assertThat(interval.mean()).isNaN();
    }

    @Test
    void nanIsRejected() {
        double[] series = new double[30];
        series[12] = Double.NaN;

        assertThatThrownBy(() -> BatchMeansInterval.of(series))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series[12] = NaN");
    }

    @Test
    void tooFewBatchesAreRejected() {
        assertThatThrownBy(() -> BatchMeansInterval.of(new double[100], 4, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatches = 4");
    }

    @Test
    void confidenceLevelOutOfRangeIsRejected() {
        assertThatThrownBy(() -> BatchMeansInterval.of(new double[100], 10, 95.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidenceLevel = 95.0");
    }
}
