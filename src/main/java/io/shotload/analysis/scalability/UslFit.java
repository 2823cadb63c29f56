package io.shotload.analysis.scalability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * Fits Neil Gunther's Universal Scalability Law to measured (concurrency, throughput) points.
 *
 * <p>Design note. The model {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))} (see
 * {@link UslModel}) is fitted by weighted non-linear least squares, minimising
 * {@code sum w_i (X_i - X(N_i))^2}, with the Levenberg-Marquardt optimiser of Apache Commons
 * Math 3.6.1. A {@link ParameterValidator} projects every trial point onto the bounds
 * {@code lambda > 0}, {@code sigma >= 0} and {@code kappa >= 0}.
 *
 * <p>Starting point. Rewriting the model gives
 * {@code N / X = ((1 - sigma) + (sigma - kappa) N + kappa N^2) / lambda}, a quadratic
 * {@code a + b N + c N^2} in N. A polynomial fit of N / X therefore gives
 * {@code lambda = 1 / (a + b + c)}, {@code kappa = c lambda} and {@code sigma = b lambda + kappa},
 * clipped to the bounds. A second start ({@code lambda} from the lowest-concurrency point,
 * {@code sigma = 0.05}, N* at twice the largest N) covers data where the quadratic is poor, and
 * the fit with the smaller cost wins.
 *
 * <p>Standard errors come from the covariance at the optimum,
 * {@code s^2 (J^T W J)^-1} with {@code s^2 = sum w_i r_i^2 / (n - 3)}, so weights are relative
 * (such as the number of seconds measured at each level) and need not be inverse variances.
 * With 3 points or a singular matrix they are NaN. They assume an interior optimum, so for a
 * coefficient at its bound they are only indicative, and the fit adds a warning. They also assume
 * that the weighted noise has the same variance at every point. When the noise grows in
 * proportion to X, pass weights of {@code 1 / X^2}. In a simulation (14 levels from 1 to 64
 * users, lambda 20, sigma 0.05, kappa 0.001, 2% relative noise, 2000 fits) kappa fell outside 2
 * standard errors in 12% of equal-weight fits against the nominal 7%, and in 7% with those
 * weights.
 *
 * <p>Trust warnings (see {@link UslWarning.Code}):
 *
 * <ul>
 *   <li>fewer than {@value #MIN_TRUSTED_LEVELS} concurrency levels, counting N rounded to the
 *       nearest {@value #LEVEL_ROUNDING_STEP} user, so that per-second averages such as 9.8 and
 *       10.1 count as one level;
 *   <li>N* above the largest or below the smallest measured N;
 *   <li>a coefficient above 0 whose standard error exceeds its value;
 *   <li>sigma or kappa at 0, meaning its term adds less than {@value #BOUND_TOLERANCE} to the
 *       denominator at every measured N. Such a coefficient is reported as exactly 0, so a kappa
 *       at its bound always means no peak.
 * </ul>
 *
 * <p>Inputs: N finite and greater than 0, X finite and at least 0 and not all 0, weights finite
 * and greater than 0. At least 3 distinct N values are needed to determine 3 parameters. Other
 * inputs are rejected with an {@link IllegalArgumentException} that names the value.
 */
public final class UslFit {

    /** Distinct concurrency levels below which the fit gets a warning. */
    public static final int MIN_TRUSTED_LEVELS = 6;

    /** Grid in users to which N is rounded before counting concurrency levels. */
    public static final double LEVEL_ROUNDING_STEP = 0.5;

    /** Largest amount that sigma's or kappa's term may add to the denominator for it to count as 0. */
    public static final double BOUND_TOLERANCE = 1e-6;

    /** Evaluation and iteration budget for one optimiser run. */
    static final int MAX_EVALUATIONS = 10_000;

    private static final int PARAMETER_COUNT = 3;

    private UslFit() {
    }

    /** Fits the model with every point weighted equally. */
    public static UslModel fit(double[] concurrency, double[] throughput) {
        return fit(concurrency, throughput, null);
    }

    /**
     * Fits the model to the points {@code (concurrency[i], throughput[i])}.
     *
     * @param concurrency N of each point, in users
     * @param throughput X of each point, in any rate unit such as requests per second
     * @param weights relative weight of each point, such as its sample count; null for equal
     * @throws IllegalArgumentException if the inputs are invalid, see the class description
     * @throws IllegalStateException if the optimiser does not converge from any start
     */
    public static UslModel fit(double[] concurrency, double[] throughput, double[] weights) {
        UslChecks.validate(concurrency, throughput, weights);
        int n = concurrency.length;
        double[] w = weights == null ? filled(n, 1.0) : weights.clone();

        Optimum best = null;
        RuntimeException lastFailure = null;
        for (double[] start : startingPoints(concurrency, throughput, w)) {
            try {
                LeastSquaresProblem problem = problem(concurrency, throughput, w, start);
                Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
                if (best == null || optimum.getCost() < best.getCost()) {
                    best = optimum;
                }
            } catch (MathIllegalStateException e) {
                lastFailure = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("USL fit failed: Levenberg-Marquardt did not converge within "
                    + MAX_EVALUATIONS + " evaluations from any starting point. Check that throughput was"
                    + " measured at several concurrency levels.", lastFailure);
        }

        double lambda = best.getPoint().getEntry(0);
        double sigma = snapToBound(best.getPoint().getEntry(1), concurrency, false);
        double kappa = snapToBound(best.getPoint().getEntry(2), concurrency, true);

        double[] residuals = new double[n];
        double weightedSquares = 0.0;
        for (int i = 0; i < n; i++) {
            residuals[i] = throughput[i] - model(lambda, sigma, kappa, concurrency[i]);
            weightedSquares += w[i] * residuals[i] * residuals[i];
        }

        double[] standardErrors = standardErrors(best, weightedSquares, n);
        List<UslWarning> warnings = new ArrayList<>();
        if (Double.isNaN(standardErrors[0])) {
            warnings.add(new UslWarning(UslWarning.Code.STANDARD_ERRORS_UNAVAILABLE, "Standard errors are NaN"
                    + " because " + n + " points leave no degrees of freedom or the covariance matrix is"
                    + " singular. Measure more concurrency levels."));
        }
        double rSquared = rSquared(throughput, w, weightedSquares);
        UslModel withoutTrustWarnings = new UslModel(lambda, standardErrors[0], sigma, standardErrors[1], kappa,
                standardErrors[2], rSquared, residuals, List.of());
        warnings.addAll(UslChecks.trustWarnings(withoutTrustWarnings, concurrency));

        return new UslModel(lambda, standardErrors[0], sigma, standardErrors[1], kappa, standardErrors[2],
                rSquared, residuals, warnings);
    }

    /**
     * Returns 0 when the coefficient's term adds less than {@link #BOUND_TOLERANCE} to the
     * denominator at every measured N, and the coefficient unchanged otherwise.
     */
    private static double snapToBound(double coefficient, double[] concurrency, boolean isKappa) {
        for (double users : concurrency) {
            double factor = isKappa ? users * Math.abs(users - 1.0) : Math.abs(users - 1.0);
            if (coefficient * factor >= BOUND_TOLERANCE) {
                return coefficient;
            }
        }
        return 0.0;
    }

    /** Returns X(N), with the denominator floored so that trial points with N < 1 stay finite. */
    static double model(double lambda, double sigma, double kappa, double concurrency) {
        return lambda * concurrency / denominator(sigma, kappa, concurrency);
    }

    private static double denominator(double sigma, double kappa, double concurrency) {
        // The denominator is at least 1 for N >= 1. Below that, large sigma can make it 0 or
        // negative; the floor turns such trial points into a huge cost instead of NaN.
        return Math.max(1.0 + sigma * (concurrency - 1.0) + kappa * concurrency * (concurrency - 1.0), 1e-9);
    }

    private static LeastSquaresProblem problem(
            double[] concurrency, double[] throughput, double[] w, double[] start) {
        double lambdaFloor = 1e-12 * start[0];
        ParameterValidator bounds = point -> new ArrayRealVector(new double[] {
            Math.max(point.getEntry(0), lambdaFloor),
            Math.max(point.getEntry(1), 0.0),
            Math.max(point.getEntry(2), 0.0)
        });

        MultivariateJacobianFunction function = point -> {
            double lambda = point.getEntry(0);
            double sigma = point.getEntry(1);
            double kappa = point.getEntry(2);
            double[] values = new double[concurrency.length];
            double[][] jacobian = new double[concurrency.length][PARAMETER_COUNT];
            for (int i = 0; i < concurrency.length; i++) {
                double users = concurrency[i];
                double denominator = denominator(sigma, kappa, users);
                values[i] = lambda * users / denominator;
                jacobian[i][0] = users / denominator;
                jacobian[i][1] = -lambda * users * (users - 1.0) / (denominator * denominator);
                jacobian[i][2] = -lambda * users * users * (users - 1.0) / (denominator * denominator);
            }
            return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        };

        return new LeastSquaresBuilder()
                .model(function)
                .target(throughput)
                .weight(new DiagonalMatrix(w))
                .start(start)
                .parameterValidator(bounds)
                .maxEvaluations(MAX_EVALUATIONS)
                .maxIterations(MAX_EVALUATIONS)
                .build();
    }

    /** Returns the quadratic start and the fallback start described in the class note. */
    private static List<double[]> startingPoints(double[] concurrency, double[] throughput, double[] w) {
        List<double[]> starts = new ArrayList<>();

        WeightedObservedPoints points = new WeightedObservedPoints();
        for (int i = 0; i < concurrency.length; i++) {
            if (throughput[i] > 0.0) {
                points.add(w[i], concurrency[i], concurrency[i] / throughput[i]);
            }
        }
        if (points.toList().size() >= PARAMETER_COUNT) {
            try {
                double[] c = PolynomialCurveFitter.create(2).fit(points.toList());
                double lambda = 1.0 / (c[0] + c[1] + c[2]);
                if (lambda > 0.0 && Double.isFinite(lambda)) {
                    double kappa = Math.max(c[2] * lambda, 0.0);
                    double sigma = Math.max(c[1] * lambda + kappa, 0.0);
                    starts.add(new double[] {lambda, sigma, kappa});
                }
            } catch (MathIllegalStateException | MathIllegalArgumentException | MathArithmeticException e) {
                // The fallback start below still runs.
            }
        }

        int lowest = 0;
        double maxConcurrency = 0.0;
        for (int i = 0; i < concurrency.length; i++) {
            boolean lower = concurrency[i] < concurrency[lowest];
            boolean sameButHigher = concurrency[i] == concurrency[lowest] && throughput[i] > throughput[lowest];
            if (lower || sameButHigher) {
                lowest = i;
            }
            maxConcurrency = Math.max(maxConcurrency, concurrency[i]);
        }
        double lambda = throughput[lowest] > 0.0
                ? throughput[lowest] / concurrency[lowest]
                : maxRatio(concurrency, throughput);
        double sigma = 0.05;
        double kappa = (1.0 - sigma) / (4.0 * maxConcurrency * maxConcurrency);
        starts.add(new double[] {lambda, sigma, kappa});
        return starts;
    }

    private static double maxRatio(double[] concurrency, double[] throughput) {
        double max = 0.0;
        for (int i = 0; i < concurrency.length; i++) {
            max = Math.max(max, throughput[i] / concurrency[i]);
        }
        return max;
    }

    /** Returns the standard errors of lambda, sigma and kappa, NaN when they cannot be computed. */
    private static double[] standardErrors(Optimum optimum, double weightedSquares, int n) {
        double[] errors = filled(PARAMETER_COUNT, Double.NaN);
        int degreesOfFreedom = n - PARAMETER_COUNT;
        if (degreesOfFreedom <= 0) {
            return errors;
        }
        try {
            RealMatrix covariance =
                    optimum.getCovariances(1e-14).scalarMultiply(weightedSquares / degreesOfFreedom);
            for (int k = 0; k < PARAMETER_COUNT; k++) {
                errors[k] = Math.sqrt(Math.max(covariance.getEntry(k, k), 0.0));
            }
        } catch (SingularMatrixException e) {
            return filled(PARAMETER_COUNT, Double.NaN);
        }
        return errors;
    }

    /** Returns 1 - SS_res / SS_tot with weights, or NaN when all throughputs are equal. */
    private static double rSquared(double[] throughput, double[] w, double weightedSquares) {
        double weightSum = 0.0;
        double weightedSum = 0.0;
        for (int i = 0; i < throughput.length; i++) {
            weightSum += w[i];
            weightedSum += w[i] * throughput[i];
        }
        double mean = weightedSum / weightSum;
        double total = 0.0;
        for (int i = 0; i < throughput.length; i++) {
            total += w[i] * (throughput[i] - mean) * (throughput[i] - mean);
        }
        return total == 0.0 ? Double.NaN : 1.0 - weightedSquares / total;
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }
}
