package io.shotload.analysis.scalability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shotload.analysis.scalability.Kneedle.Direction;
import io.shotload.analysis.scalability.Kneedle.Shape;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class KneedleTest {

    private static double[] range(int fromInclusive, int toInclusive) {
        double[] values = new double[toInclusive - fromInclusive + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = fromInclusive + i;
        }
        return values;
    }

    private static double[] apply(double[] x, DoubleUnaryOperator function) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = function.applyAsDouble(x[i]);
        }
        return y;
    }

    @Test
    void concaveIncreasingReciprocal() {
        // y = 5 - 1/x on x = 1..10: D = (1 - 1/x) / 0.9 - (x - 1) / 9 peaks at x = 3 with 0.5185.
        // The threshold 0.5185 - 1/9 = 0.4074 is crossed at x = 6 (D = 0.3704), confirming x = 3.
        double[] x = range(1, 10);
        double[] y = apply(x, v -> 5.0 - 1.0 / v);

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnee(x, y)).hasValue(3.0);
    }

    @Test
    void convexDecreasingReciprocal() {
        // y = 5 + 1/x is the mirror image of 5 - 1/x, so the knee is again at x = 3.
        double[] x = range(1, 10);
        double[] y = apply(x, v -> 5.0 + 1.0 / v);

        Kneedle kneedle = new Kneedle(Direction.DECREASING, Shape.CONVEX);

        assertThat(kneedle.findKnee(x, y)).hasValue(3.0);
    }

    @Test
    void concaveIncreasingPiecewiseLinear() {
        // Slope 2 up to x = 4, then slope 0.2, like throughput that saturates at 4 users.
        double[] x = range(0, 10);
        double[] y = apply(x, v -> v <= 4 ? 2.0 * v : 8.0 + 0.2 * (v - 4));

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnee(x, y)).hasValue(4.0);
    }

    @Test
    void convexIncreasingHockeyStick() {
        // Flat latency up to x = 6, then a climb of 3 per step. Scanning from x = 10 down,
        // D = xs - ys peaks at x = 6 with 0.6 and falls below 0.6 - 0.1 at x = 4.
        double[] x = range(0, 10);
        double[] y = apply(x, v -> v <= 6 ? 1.0 : 1.0 + 3.0 * (v - 6));

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONVEX);

        assertThat(kneedle.findKnee(x, y)).hasValue(6.0);
    }

    @Test
    void concaveDecreasingCliff() {
        // A slow decline up to x = 6, then a drop of 3 per step.
        double[] x = range(0, 10);
        double[] y = apply(x, v -> v <= 6 ? 10.0 - 0.2 * v : 8.8 - 3.0 * (v - 6));

        Kneedle kneedle = new Kneedle(Direction.DECREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnee(x, y)).hasValue(6.0);
    }

    @Test
    void straightLineHasNoKnee() {
        double[] x = range(0, 20);

        Kneedle increasing = new Kneedle(Direction.INCREASING, Shape.CONCAVE);
        Kneedle decreasing = new Kneedle(Direction.DECREASING, Shape.CONVEX);

        assertThat(increasing.findKnee(x, apply(x, v -> 2.0 * v + 1.0))).isEmpty();
        assertThat(decreasing.findKnee(x, apply(x, v -> 100.0 - 3.0 * v))).isEmpty();
    }

    @Test
    void straightLineHasNoKneeAtZeroSensitivity() {
        // 0.1 steps are inexact in binary, so only the noise floor keeps D at exactly 0.
        double[] x = new double[21];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 * i;
        }

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE, 0.0);

        assertThat(kneedle.findKnees(x, apply(x, v -> 0.3 * v + 0.7))).isEmpty();
    }

    @Test
    void zeroSensitivityFindsEveryBend() {
        double[] x = range(1, 10);
        double[] y = apply(x, v -> 5.0 - 1.0 / v);

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE, 0.0);

        assertThat(kneedle.findKnee(x, y)).hasValue(3.0);
    }

    @Test
    void highSensitivitySuppressesKnee() {
        // The peak D of 0.5185 minus 10 / 9 leaves a negative threshold that D never crosses.
        double[] x = range(1, 10);
        double[] y = apply(x, v -> 5.0 - 1.0 / v);

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE, 10.0);

        assertThat(kneedle.findKnee(x, y)).isEmpty();
    }

    @Test
    void twoBendsGiveTwoKnees() {
        // Slopes 5, 0.2, 3, 0.1 on x = 0..14 with bends at x = 3, 7 and 9. D peaks at x = 3
        // (0.4584, crossed at x = 5), bottoms out at x = 7 and peaks again at x = 9 (0.3347,
        // crossed at x = 11). The bend at x = 7 is convex, so it is no knee.
        double[] x = range(0, 14);
        double[] y = apply(x, v -> {
            if (v <= 3) {
                return 5.0 * v;
            } else if (v <= 7) {
                return 15.0 + 0.2 * (v - 3);
            } else if (v <= 9) {
                return 15.8 + 3.0 * (v - 7);
            }
            return 21.8 + 0.1 * (v - 9);
        });

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnees(x, y)).containsExactly(3.0, 9.0);
        assertThat(kneedle.findKnee(x, y)).hasValue(3.0);
    }

    @Test
    void constantCurveHasNoKnee() {
        double[] x = range(0, 10);
        double[] y = new double[x.length];

        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnee(x, y)).isEmpty();
        assertThat(kneedle.findKnees(x, y)).isEmpty();
    }

    @Test
    void twoPointsHaveNoKnee() {
        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThat(kneedle.findKnee(new double[] {1, 2}, new double[] {1, 5})).isEmpty();
        assertThat(kneedle.findKnee(new double[0], new double[0])).isEmpty();
    }

    @Test
    void unsortedXIsRejected() {
        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThatThrownBy(() -> kneedle.findKnee(new double[] {1, 3, 2}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[2] = 2.0 <= x[1] = 3.0");
    }

    @Test
    void nanIsRejected() {
        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThatThrownBy(() -> kneedle.findKnee(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y[1] = NaN");
    }

    @Test
    void lengthMismatchIsRejected() {
        Kneedle kneedle = new Kneedle(Direction.INCREASING, Shape.CONCAVE);

        assertThatThrownBy(() -> kneedle.findKnee(new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 3 values and y has 2");
    }

    @Test
    void negativeSensitivityIsRejected() {
        assertThatThrownBy(() -> new Kneedle(Direction.INCREASING, Shape.CONCAVE, -1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensitivity = -1.0");
    }
}
