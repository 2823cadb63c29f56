package io.shotload.analysis;

import java.util.List;

/**
 * The Universal Scalability Law fitted to the run, written as {@code analysis.scalability} in the results
 * file. {@link ScalabilityAnalyzer} describes the points and the fit; a number that cannot be computed,
 * such as a standard error from too few points, is {@code null}.
 *
 * @param status {@value #FITTED} or {@value #NOT_FITTED}
 * @param reason why there is no fit; {@code null} when fitted
 * @param formula the model, {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))}
 * @param throughputUnit the unit of X, lambda's unit per user
 * @param lambda throughput of one user, in successful responses per second
 * @param sigma contention coefficient, dimensionless
 * @param kappa coherency coefficient, dimensionless
 * @param rSquared weighted coefficient of determination
 * @param peakConcurrencyUsers N* = sqrt((1 - sigma) / kappa); {@code null} when kappa is 0 or sigma >= 1
 * @param peakThroughputRps X(N*); {@code null} without N*
 * @param maxMeasuredConcurrencyUsers the largest N among the points
 * @param concurrencyLevels distinct N among the points, rounded to half a user
 * @param points every point with its fitted value and residual, steady points first
 * @param warnings reasons to distrust the fit; empty when there are none
 * @param crossCheck the model and the knees against the rule-based results
 */
public record Scalability(
        String status,
        String reason,
        String formula,
        String throughputUnit,
        Coefficient lambda,
        Coefficient sigma,
        Coefficient kappa,
        Double rSquared,
        Double peakConcurrencyUsers,
        Double peakThroughputRps,
        Double maxMeasuredConcurrencyUsers,
        int concurrencyLevels,
        List<Point> points,
        List<Warning> warnings,
        ModelCrossCheck crossCheck,
        ServiceModel serviceConcurrency) {

    public static final String FITTED = "fitted";
    public static final String NOT_FITTED = "not_fitted";
    public static final String FORMULA = "X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))";
    public static final String THROUGHPUT_UNIT = "successful responses/s";

    public Scalability {
        points = List.copyOf(points);
        warnings = List.copyOf(warnings);
    }

    /** Returns whether a model was fitted. */
    public boolean fitted() {
        return FITTED.equals(status);
    }

    /**
     * A fitted coefficient.
     *
     * @param value the estimate
     * @param standardError its standard error; {@code null} when it cannot be computed
     */
    public record Coefficient(double value, Double standardError) {}

    /**
     * One fitted point.
     *
     * @param source {@code steady} (one scenario's steady window) or {@code ramp} (ramp-up seconds at N users)
     * @param scenario the scenario of a steady point; {@code null} for a ramp point
     * @param users N
     * @param throughputRps measured X, successful responses per second
     * @param seconds seconds measured, the point's weight in the fit
     * @param fittedRps the model's X(N); {@code null} when not fitted
     * @param residualRps measured minus fitted; {@code null} when not fitted
     * @param inServiceConcurrency requests inside the service on average; {@code null} without response times
     * @param serviceConcurrency requests running inside the service when a request started, itself included,
     *     on average; the abscissa of the fit against in-service concurrency
     * @param serviceThroughputRps successful responses per second at {@code serviceConcurrency}
     */
    public record Point(String source, String scenario, double users, double throughputRps, double seconds,
            Double fittedRps, Double residualRps, Double inServiceConcurrency, Double serviceConcurrency,
            double serviceThroughputRps) {}

    /**
     * The same law fitted against in-service concurrency (the requests running inside the service when a
     * request starts) instead of users. Its coefficients are the service's own, free of think
     * time and of the load generator's gaps, and its N* is the number of concurrent captures at which
     * throughput peaks.
     *
     * @param status {@value #FITTED} or {@value #NOT_FITTED}
     * @param reason why it was not fitted
     * @param peakConcurrency N* in concurrent requests
     * @param warnings codes of the fit's trust warnings, as for the users fit
     */
    public record ServiceModel(
            String status,
            String reason,
            Coefficient lambda,
            Coefficient sigma,
            Coefficient kappa,
            Double rSquared,
            Double peakConcurrency,
            Double peakThroughputRps,
            List<String> warnings) {}

    /**
     * A reason to distrust the fit.
     *
     * @param code such as {@code too_few_concurrency_levels}, {@code peak_beyond_measured_range},
     *     {@code sigma_at_bound} or {@code kappa_at_bound}
     * @param message one sentence saying what to do
     */
    public record Warning(String code, String message) {}
}
