package io.shotload.analysis.scalability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shotload.analysis.scalability.UslWarning.Code;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UslFitTest {

    private static final double LAMBDA = 20.0;
    private static final double SIGMA = 0.05;
    private static final double KAPPA = 0.001;

    /** Fourteen levels from 1 to 64 users, past the true peak N* = sqrt(0.95 / 0.001) = 30.8. */
    private static final double[] LEVELS = {1, 2, 4, 6, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64};

    private static double usl(double lambda, double sigma, double kappa, double users) {
        return lambda * users / (1.0 + sigma * (users - 1.0) + kappa * users * (users - 1.0));
    }

    /**
     * Seed of the one generator that each test draws its noise from. Fits use one generator in
     * turn, because java.util.Random gives correlated first values for consecutive small seeds.
     */
    private static final long SEED = 20240611L;

    /**
     * Returns the model throughput at each level plus Gaussian noise with standard deviation
     * {@code noise} in req/s. The noise is the same at every level, as least squares assumes.
     */
    private static double[] throughput(
            double lambda, double sigma, double kappa, double[] levels, double noise, Random random) {
        double[] values = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            values[i] = usl(lambda, sigma, kappa, levels[i]) + noise * random.nextGaussian();
        }
        return values;
    }

    /** Returns the model throughput at each level without noise. */
    private static double[] exact(double lambda, double sigma, double kappa, double[] levels) {
        return throughput(lambda, sigma, kappa, levels, 0.0, new Random(SEED));
    }

    @Test
    void exactDataIsRecovered() {
        UslModel model = UslFit.fit(LEVELS, exact(LAMBDA, SIGMA, KAPPA, LEVELS));

        assertThat(model.lambda()).isCloseTo(LAMBDA, within(1e-6));
        assertThat(model.sigma()).isCloseTo(SIGMA, within(1e-8));
        assertThat(model.kappa()).isCloseTo(KAPPA, within(1e-10));
        assertThat(model.rSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(model.peakConcurrency()).hasValueCloseTo(Math.sqrt(0.95 / 0.001), within(1e-4));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void noisyDataIsRecoveredWithinStandardErrors() {
        // Ten runs with noise of 3 req/s on throughputs of 20 to 180 req/s. Each estimate must lie
        // within four of its own standard errors of the truth and within a fixed bound.
        Random random = new Random(SEED);
        for (int run = 1; run <= 10; run++) {
            UslModel model = UslFit.fit(LEVELS, throughput(LAMBDA, SIGMA, KAPPA, LEVELS, 3.0, random));

            assertThat(model.lambda()).as("lambda, run %d", run)
                    .isCloseTo(LAMBDA, within(4.0 * model.lambdaStandardError()))
                    .isCloseTo(LAMBDA, within(0.1 * LAMBDA));
            assertThat(model.sigma()).as("sigma, run %d", run)
                    .isCloseTo(SIGMA, within(4.0 * model.sigmaStandardError()))
                    .isCloseTo(SIGMA, within(0.02));
            assertThat(model.kappa()).as("kappa, run %d", run)
                    .isCloseTo(KAPPA, within(4.0 * model.kappaStandardError()))
                    .isCloseTo(KAPPA, within(0.15 * KAPPA));
            assertThat(model.rSquared()).as("R squared, run %d", run).isGreaterThan(0.99);
        }
    }

    @Test
    void noisyPeakIsNearTruePeak() {
        // True N* = 30.82 users. With noise of 3 req/s the fitted N* stays within 10% of it.
        UslModel model = UslFit.fit(LEVELS, throughput(LAMBDA, SIGMA, KAPPA, LEVELS, 3.0, new Random(SEED)));

        assertThat(model.peakConcurrency()).hasValueCloseTo(30.82, within(3.1));
        assertThat(model.peakThroughput()).hasValueCloseTo(usl(LAMBDA, SIGMA, KAPPA, 30.82), within(9.0));
    }

    @Test
    void residualsAreObservedMinusFitted() {
        double[] throughput = throughput(LAMBDA, SIGMA, KAPPA, LEVELS, 3.0, new Random(SEED));

        UslModel model = UslFit.fit(LEVELS, throughput);

        double[] residuals = model.residuals();
        assertThat(residuals).hasSize(LEVELS.length);
        for (int i = 0; i < LEVELS.length; i++) {
            assertThat(residuals[i]).as("residual %d", i)
                    .isCloseTo(throughput[i] - model.predict(LEVELS[i]), within(1e-9));
        }
    }

    @Test
    void fractionalConcurrencyIsFitted() {
        double[] levels = {0.4, 1.3, 2.7, 5.1, 9.8, 15.2, 20.3, 30.6, 41.9, 55.5};

        UslModel model = UslFit.fit(levels, exact(LAMBDA, SIGMA, KAPPA, levels));

        assertThat(model.lambda()).isCloseTo(LAMBDA, within(1e-6));
        assertThat(model.kappa()).isCloseTo(KAPPA, within(1e-10));
    }

    @Test
    void lowWeightSilencesOutlier() {
        // The point at 16 users is doubled, but its weight is a millionth of the others.
        double[] throughput = exact(LAMBDA, SIGMA, KAPPA, LEVELS);
        throughput[6] *= 2.0;
        double[] weights = new double[LEVELS.length];
        Arrays.fill(weights, 1.0);
        weights[6] = 1e-6;

        UslModel weighted = UslFit.fit(LEVELS, throughput, weights);
        UslModel unweighted = UslFit.fit(LEVELS, throughput);

        assertThat(weighted.lambda()).isCloseTo(LAMBDA, within(0.01 * LAMBDA));
        assertThat(Math.abs(unweighted.kappa() - KAPPA)).isGreaterThan(0.5 * KAPPA);
        assertThat(weighted.residuals()[6]).isGreaterThan(100.0);
    }

    @Test
    void sigmaAtBoundIsFlagged() {
        UslModel model = UslFit.fit(LEVELS, exact(LAMBDA, 0.0, 0.0005, LEVELS));

        assertThat(model.sigma()).isEqualTo(0.0);
        assertThat(model.kappa()).isCloseTo(0.0005, within(1e-9));
        assertThat(model.hasWarning(Code.SIGMA_AT_BOUND)).isTrue();
        assertThat(model.hasWarning(Code.KAPPA_AT_BOUND)).isFalse();
    }

    @Test
    void kappaAtBoundIsFlagged() {
        // Amdahl's law: contention only, so throughput approaches lambda / sigma with no peak.
        UslModel model = UslFit.fit(LEVELS, exact(LAMBDA, 0.1, 0.0, LEVELS));

        assertThat(model.kappa()).isEqualTo(0.0);
        assertThat(model.sigma()).isCloseTo(0.1, within(1e-8));
        assertThat(model.hasWarning(Code.KAPPA_AT_BOUND)).isTrue();
        assertThat(model.peakConcurrency()).isEmpty();
    }

    @Test
    void fewLevelsAreFlagged() {
        // 9.8, 10.1 and 10.2 round to the level 10 and 19.9 and 20.1 to 20, so 5 levels remain.
        double[] levels = {9.8, 10.1, 10.2, 19.9, 20.1, 30, 40, 50};

        UslModel model = UslFit.fit(levels, throughput(LAMBDA, SIGMA, KAPPA, levels, 1.0, new Random(SEED)));

        assertThat(model.hasWarning(Code.TOO_FEW_CONCURRENCY_LEVELS)).isTrue();
        assertThat(model.warnings())
                .filteredOn(warning -> warning.code() == Code.TOO_FEW_CONCURRENCY_LEVELS)
                .singleElement()
                .satisfies(warning -> assertThat(warning.message()).contains("Only 5 distinct concurrency levels"));
    }

    @Test
    void sixLevelsAreEnough() {
        double[] levels = {1, 8, 16, 24, 32, 48};

        UslModel model = UslFit.fit(levels, exact(LAMBDA, SIGMA, KAPPA, levels));

        assertThat(model.hasWarning(Code.TOO_FEW_CONCURRENCY_LEVELS)).isFalse();
    }

    @Test
    void peakBeyondDataIsFlagged() {
        double[] levels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        UslModel model = UslFit.fit(levels, exact(LAMBDA, SIGMA, KAPPA, levels));

        assertThat(model.hasWarning(Code.PEAK_BEYOND_MEASURED_RANGE)).isTrue();
    }

    @Test
    void peakBelowDataIsFlagged() {
        // N* = sqrt(0.8 / 0.01) = 8.9 users, but the smallest measured level is 20.
        double[] levels = {20, 30, 40, 50, 60, 80};

        UslModel model = UslFit.fit(levels, exact(50.0, 0.2, 0.01, levels));

        assertThat(model.hasWarning(Code.PEAK_BELOW_MEASURED_RANGE)).isTrue();
        assertThat(model.hasWarning(Code.PEAK_BEYOND_MEASURED_RANGE)).isFalse();
    }

    @Test
    void undeterminedKappaIsFlagged() {
        // Up to 10 users the kappa term adds at most 0.09 to the denominator, which noise of
        // 3 req/s hides, so kappa gets a standard error larger than its value.
        double[] levels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        UslModel model = UslFit.fit(levels, throughput(LAMBDA, SIGMA, KAPPA, levels, 3.0, new Random(SEED)));

        assertThat(model.hasWarning(Code.LARGE_STANDARD_ERROR)).isTrue();
        assertThat(model.kappaStandardError()).isGreaterThan(model.kappa());
    }

    @Test
    void wellMeasuredFitHasNoLargeErrors() {
        UslModel model = UslFit.fit(LEVELS, throughput(LAMBDA, SIGMA, KAPPA, LEVELS, 3.0, new Random(SEED)));

        assertThat(model.hasWarning(Code.LARGE_STANDARD_ERROR)).isFalse();
    }

    @Test
    void threePointsHaveNoStandardErrors() {
        double[] levels = {1, 10, 40};

        UslModel model = UslFit.fit(levels, exact(LAMBDA, SIGMA, KAPPA, levels));

        assertThat(model.lambdaStandardError()).isNaN();
        assertThat(model.hasWarning(Code.STANDARD_ERRORS_UNAVAILABLE)).isTrue();
        assertThat(model.kappa()).isCloseTo(KAPPA, within(1e-8));
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 0 distinct concurrency value(s) among 0 point(s)");
    }

    @Test
    void onePointIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {4}, new double[] {70}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 1 distinct concurrency value(s) among 1 point(s)");
    }

    @Test
    void sameConcurrencyIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {8, 8, 8, 8}, new double[] {100, 101, 99, 100}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 1 distinct concurrency value(s) among 4 point(s)");
    }

    @Test
    void nanConcurrencyIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency[2] = NaN");
    }

    @Test
    void nanThroughputIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throughput[1] = NaN");
    }

    @Test
    void zeroConcurrencyIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {0, 1, 2}, new double[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency[0] = 0.0");
    }

    @Test
    void negativeThroughputIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, -2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throughput[1] = -2.0");
    }

    @Test
    void allZeroThroughputIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, 3}, new double[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every throughput value is 0");
    }

    @Test
    void lengthMismatchIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency has 3 values and throughput has 2");
    }

    @Test
    void nonPositiveWeightIsRejected() {
        assertThatThrownBy(() -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[1] = 0.0");
    }
}
