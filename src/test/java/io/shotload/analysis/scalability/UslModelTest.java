package io.shotload.analysis.scalability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class UslModelTest {

    private static UslModel model(double lambda, double sigma, double kappa) {
        return new UslModel(lambda, 0.0, sigma, 0.0, kappa, 0.0, 1.0, new double[0], List.of());
    }

    @Test
    void peakConcurrencyKnownAnswer() {
        // N* = sqrt((1 - 0.19) / 0.0009) = sqrt(900) = 30.
        // X(30) = 10 * 30 / (1 + 0.19 * 29 + 0.0009 * 30 * 29) = 300 / 7.293.
        UslModel model = model(10.0, 0.19, 0.0009);

        assertThat(model.peakConcurrency()).hasValueCloseTo(30.0, within(1e-9));
        assertThat(model.peakThroughput()).hasValueCloseTo(300.0 / 7.293, within(1e-9));
    }

    @Test
    void peakIsTheMaximum() {
        UslModel model = model(10.0, 0.19, 0.0009);

        assertThat(model.predict(29.0)).isLessThan(model.peakThroughput().getAsDouble());
        assertThat(model.predict(31.0)).isLessThan(model.peakThroughput().getAsDouble());
    }

    @Test
    void noPeakWithoutCoherency() {
        UslModel model = model(10.0, 0.1, 0.0);

        assertThat(model.peakConcurrency()).isEmpty();
        assertThat(model.peakThroughput()).isEmpty();
    }

    @Test
    void noPeakWithFullContention() {
        UslModel model = model(10.0, 1.0, 0.001);

        assertThat(model.peakConcurrency()).isEmpty();
    }

    @Test
    void predictKnownValues() {
        UslModel model = model(10.0, 0.19, 0.0009);

        assertThat(model.predict(1.0)).isEqualTo(10.0);
        assertThat(model.predict(0.0)).isEqualTo(0.0);
        assertThat(model.predict(2.0)).isCloseTo(20.0 / (1.0 + 0.19 + 0.0009 * 2), within(1e-12));
    }

    @Test
    void predictRejectsNegativeConcurrency() {
        UslModel model = model(10.0, 0.19, 0.0009);

        assertThatThrownBy(() -> model.predict(-1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N = -1.0");
    }

    @Test
    void negativeSigmaIsRejected() {
        assertThatThrownBy(() -> model(10.0, -0.1, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma = -0.1");
    }

    @Test
    void residualsAreCopied() {
        double[] residuals = {1.0, 2.0};
        UslModel model = new UslModel(10.0, 0.0, 0.1, 0.0, 0.0, 0.0, 1.0, residuals, List.of());

        residuals[0] = 99.0;
        model.residuals()[1] = 99.0;

        assertThat(model.residuals()).containsExactly(1.0, 2.0);
    }
}
