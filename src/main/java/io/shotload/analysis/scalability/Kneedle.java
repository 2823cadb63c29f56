package io.shotload.analysis.scalability;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Knee (or elbow) detector for a sampled curve, after Satopää, Albrecht, Irwin and Raghavan,
 * "Finding a 'Kneedle' in a Haystack: Detecting Knee Points in System Behavior" (2011).
 *
 * <p>Design note. A knee is where a curve stops paying off: throughput that stops growing with
 * concurrency, or latency that starts to climb. Kneedle finds it in four steps:
 *
 * <ol>
 *   <li>Scale x and y to [0, 1]: {@code xs = (x - min x) / (max x - min x)}, the same for y.
 *   <li>Flip the curve so that it becomes concave and increasing, then take the difference
 *       curve {@code D = y' - x'}. With the flips written out:
 *       concave increasing {@code D = ys - xs}, convex decreasing {@code D = (1 - ys) - xs},
 *       concave decreasing {@code D = ys - (1 - xs)}, convex increasing {@code D = xs - ys}.
 *       Where x is flipped ({@code x' = 1 - xs}), the curve is scanned from the largest x down.
 *   <li>Each local maximum of D is a candidate with threshold
 *       {@code T = D_max - S / (n - 1)}, where {@code 1 / (n - 1)} is the mean gap between
 *       consecutive scaled x values and S is the sensitivity.
 *   <li>The candidate becomes a knee when D falls below T before the next local maximum. When D
 *       reaches a local minimum first, the candidate is dropped and the scan waits for the next
 *       local maximum.
 * </ol>
 *
 * <p>A larger S demands a more pronounced bend. With S = 0 every local maximum of D that is
 * followed by a lower value is a knee. A straight line has {@code D = 0} everywhere (values below
 * {@value #ROUNDING_NOISE} count as 0), so it never has a knee. The paper smooths noisy data with
 * a spline first. This class does not, so pass per-level means rather than raw samples. Fewer than 3 points or a constant y give no knee. {@link #findKnee} returns the knee
 * with the largest D, which is the most pronounced one when a curve bends more than once.
 *
 * @param direction whether y grows or falls with x
 * @param shape whether the curve bends down (concave) or up (convex)
 * @param sensitivity S, at least 0; {@value #DEFAULT_SENSITIVITY} by default
 */
public record Kneedle(Direction direction, Shape shape, double sensitivity) {

    /** Sensitivity S used when none is given. */
    public static final double DEFAULT_SENSITIVITY = 1.0;

    /** Largest difference on the scaled [0, 1] axes that is treated as floating-point noise. */
    static final double ROUNDING_NOISE = 1e-12;

    /** Direction in which y changes as x grows. */
    public enum Direction { INCREASING, DECREASING }

    /** Bend of the curve: concave like throughput against load, convex like latency against load. */
    public enum Shape { CONCAVE, CONVEX }

    public Kneedle {
        if (direction == null || shape == null) {
            throw new IllegalArgumentException("Invalid Kneedle setting: direction and shape are required.");
        }
        if (!(sensitivity >= 0.0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("Invalid Kneedle setting: sensitivity = " + sensitivity
                    + "; expected a finite value >= 0, such as " + DEFAULT_SENSITIVITY + ".");
        }
    }

    /** Creates a detector with the default sensitivity {@value #DEFAULT_SENSITIVITY}. */
    public Kneedle(Direction direction, Shape shape) {
        this(direction, shape, DEFAULT_SENSITIVITY);
    }

    /**
     * Finds the most pronounced knee of the curve.
     *
     * @param x strictly increasing x values
     * @param y y values at each x
     * @return the x of the knee, or empty when the curve has none
     * @throws IllegalArgumentException if the arrays are null, differ in length, contain NaN or
     *     infinite values, or x is not strictly increasing
     */
    public OptionalDouble findKnee(double[] x, double[] y) {
        double[] difference = differenceCurve(x, y);
        if (difference == null) {
            return OptionalDouble.empty();
        }
        int best = -1;
        for (int knee : confirmedKnees(difference)) {
            if (best < 0 || difference[knee] > difference[best]) {
                best = knee;
            }
        }
        return best < 0 ? OptionalDouble.empty() : OptionalDouble.of(x[best]);
    }

    /**
     * Finds every knee of the curve.
     *
     * @return the x of each knee in ascending order, empty when the curve has none
     * @throws IllegalArgumentException on the same inputs as {@link #findKnee}
     */
    public List<Double> findKnees(double[] x, double[] y) {
        double[] difference = differenceCurve(x, y);
        List<Double> knees = new ArrayList<>();
        if (difference == null) {
            return knees;
        }
        List<Integer> indices = confirmedKnees(difference);
        indices.sort(null);
        for (int index : indices) {
            knees.add(x[index]);
        }
        return knees;
    }

    /** Returns D at each point in input order, or null when the curve cannot have a knee. */
    private double[] differenceCurve(double[] x, double[] y) {
        validate(x, y);
        int n = x.length;
        if (n < 3) {
            return null;
        }
        double minY = y[0];
        double maxY = y[0];
        for (double value : y) {
            minY = Math.min(minY, value);
            maxY = Math.max(maxY, value);
        }
        if (maxY == minY) {
            return null;
        }

        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            double xs = (x[i] - x[0]) / (x[n - 1] - x[0]);
            double ys = (y[i] - minY) / (maxY - minY);
            difference[i] = switch (shape) {
                case CONCAVE -> direction == Direction.INCREASING ? ys - xs : ys - (1.0 - xs);
                case CONVEX -> direction == Direction.INCREASING ? xs - ys : (1.0 - ys) - xs;
            };
            if (Math.abs(difference[i]) < ROUNDING_NOISE) {
                difference[i] = 0.0;
            }
        }
        return difference;
    }

    /** Runs the threshold scan and returns the input indices of the confirmed knees. */
    private List<Integer> confirmedKnees(double[] difference) {
        int n = difference.length;
        // Concave decreasing and convex increasing curves flip x, so their scan runs backwards.
        boolean reversed = (shape == Shape.CONCAVE) == (direction == Direction.DECREASING);
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = difference[reversed ? n - 1 - t : t];
        }

        double meanStep = 1.0 / (n - 1);
        List<Integer> knees = new ArrayList<>();
        int candidate = -1;
        double threshold = Double.NaN;
        for (int t = 1; t < n; t++) {
            boolean interior = t < n - 1;
            if (interior && d[t - 1] < d[t] && d[t] >= d[t + 1]) {
                candidate = t;
                threshold = d[t] - sensitivity * meanStep;
            } else if (candidate >= 0 && d[t] < threshold) {
                knees.add(reversed ? n - 1 - candidate : candidate);
                candidate = -1;
            } else if (candidate >= 0 && interior && d[t - 1] > d[t] && d[t] <= d[t + 1]) {
                candidate = -1;
            }
        }
        return knees;
    }

    private static void validate(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Invalid Kneedle input: x and y are required; got "
                    + (x == null ? "x = null" : "y = null") + ".");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("Invalid Kneedle input: x has " + x.length + " values and y has "
                    + y.length + "; expected one y per x.");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "Invalid Kneedle input: x[" + i + "] = " + x[i] + "; expected a finite value.");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "Invalid Kneedle input: y[" + i + "] = " + y[i] + "; expected a finite value.");
            }
            if (i > 0 && x[i] <= x[i - 1]) {
                throw new IllegalArgumentException("Invalid Kneedle input: x[" + i + "] = " + x[i] + " <= x["
                        + (i - 1) + "] = " + x[i - 1] + "; expected strictly increasing x. Sort the points"
                        + " by x and average duplicates first.");
            }
        }
    }
}
