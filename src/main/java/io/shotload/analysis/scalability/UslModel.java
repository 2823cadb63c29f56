package io.shotload.analysis.scalability;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Universal Scalability Law model fitted by {@link UslFit}, with its uncertainty and warnings.
 *
 * <p>The model, from Neil Gunther's Universal Scalability Law:
 *
 * <pre>
 *   X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))
 *   N*   = sqrt((1 - sigma) / kappa)        concurrency of peak throughput
 *   X*   = X(N*)                            peak throughput
 * </pre>
 *
 * <p>N is the concurrency in users (fractional values such as a per-second average are fine).
 * X is a throughput in whatever rate unit the caller fitted, for example requests per second,
 * and {@code lambda} and the peak throughput come out in that unit per user and in that unit.
 * {@code sigma} (contention) and {@code kappa} (coherency delay) are dimensionless.
 *
 * <p>N* exists only when {@code kappa > 0} and {@code sigma < 1}. With {@code kappa == 0}
 * throughput grows forever towards {@code lambda / sigma} (or without limit when sigma is 0
 * too). With {@code sigma >= 1} it stays at or below {@code X(1) = lambda} for every N >= 1. In
 * both cases
 * {@link #peakConcurrency()} and {@link #peakThroughput()} are empty.
 *
 * @param lambda throughput of a single user, in the unit of X per user; greater than 0
 * @param lambdaStandardError standard error of lambda; NaN when unavailable
 * @param sigma contention coefficient, at least 0
 * @param sigmaStandardError standard error of sigma; NaN when unavailable
 * @param kappa coherency coefficient, at least 0
 * @param kappaStandardError standard error of kappa; NaN when unavailable
 * @param rSquared coefficient of determination of the fit, NaN when all throughputs are equal
 * @param residuals observed minus fitted throughput for each point, in input order and X units
 * @param warnings reasons to distrust the fit, empty when there are none
 */
public record UslModel(
        double lambda,
        double lambdaStandardError,
        double sigma,
        double sigmaStandardError,
        double kappa,
        double kappaStandardError,
        double rSquared,
        double[] residuals,
        List<UslWarning> warnings) {

    public UslModel {
        if (!(lambda > 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(
                    "Invalid USL model: lambda = " + lambda + "; expected a finite value > 0.");
        }
        requireCoefficient("sigma", sigma);
        requireCoefficient("kappa", kappa);
        requireStandardError("lambdaStandardError", lambdaStandardError);
        requireStandardError("sigmaStandardError", sigmaStandardError);
        requireStandardError("kappaStandardError", kappaStandardError);
        if (residuals == null || warnings == null) {
            throw new IllegalArgumentException("Invalid USL model: residuals and warnings are required.");
        }
        residuals = residuals.clone();
        warnings = List.copyOf(warnings);
    }

    /** Returns a copy of the residuals, so callers cannot change the model. */
    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    /**
     * Computes the modelled throughput X(N), in the unit of the fitted throughput.
     *
     * @param concurrency N in users, at least 0
     * @return X(N); NaN below N = 1 where the denominator is not positive, which needs
     *     {@code sigma + kappa N >= 1 / (1 - N)}
     * @throws IllegalArgumentException if concurrency is negative, NaN or infinite
     */
    public double predict(double concurrency) {
        if (!(concurrency >= 0.0) || Double.isInfinite(concurrency)) {
            throw new IllegalArgumentException("Invalid USL concurrency: N = " + concurrency
                    + "; expected a finite value >= 0.");
        }
        double denominator = 1.0 + sigma * (concurrency - 1.0) + kappa * concurrency * (concurrency - 1.0);
        if (!(denominator > 0.0)) {
            return Double.NaN;
        }
        return lambda * concurrency / denominator;
    }

    /** Returns N* = sqrt((1 - sigma) / kappa) in users, or empty when kappa == 0 or sigma >= 1. */
    public OptionalDouble peakConcurrency() {
        if (kappa == 0.0 || sigma >= 1.0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.sqrt((1.0 - sigma) / kappa));
    }

    /** Returns X(N*) in the unit of the fitted throughput, or empty when there is no N*. */
    public OptionalDouble peakThroughput() {
        OptionalDouble peak = peakConcurrency();
        return peak.isPresent() ? OptionalDouble.of(predict(peak.getAsDouble())) : OptionalDouble.empty();
    }

    /** Returns whether the fit raised a warning with the given code. */
    public boolean hasWarning(UslWarning.Code code) {
        return warnings.stream().anyMatch(warning -> warning.code() == code);
    }

    /** Compares all components, the residuals by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UslModel that
                && Double.compare(lambda, that.lambda) == 0
                && Double.compare(lambdaStandardError, that.lambdaStandardError) == 0
                && Double.compare(sigma, that.sigma) == 0
                && Double.compare(sigmaStandardError, that.sigmaStandardError) == 0
                && Double.compare(kappa, that.kappa) == 0
                && Double.compare(kappaStandardError, that.kappaStandardError) == 0
                && Double.compare(rSquared, that.rSquared) == 0
                && Arrays.equals(residuals, that.residuals)
                && warnings.equals(that.warnings);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(lambda, lambdaStandardError, sigma, sigmaStandardError, kappa, kappaStandardError,
                rSquared, warnings);
        return 31 * hash + Arrays.hashCode(residuals);
    }

    @Override
    public String toString() {
        return "UslModel[lambda=" + lambda + " +/- " + lambdaStandardError
                + ", sigma=" + sigma + " +/- " + sigmaStandardError
                + ", kappa=" + kappa + " +/- " + kappaStandardError
                + ", rSquared=" + rSquared + ", residuals=" + Arrays.toString(residuals)
                + ", warnings=" + warnings + "]";
    }

    private static void requireCoefficient(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "Invalid USL model: " + name + " = " + value + "; expected a finite value >= 0.");
        }
    }

    private static void requireStandardError(String name, double value) {
        if (value < 0.0 || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "Invalid USL model: " + name + " = " + value + "; expected a finite value >= 0 or NaN.");
        }
    }
}
