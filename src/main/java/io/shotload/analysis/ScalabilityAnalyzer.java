package io.shotload.analysis;

import io.shotload.analysis.scalability.UslFit;
import io.shotload.analysis.scalability.UslModel;
import io.shotload.analysis.scalability.UslWarning;
import io.shotload.run.ScenarioRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Fits Neil Gunther's Universal Scalability Law to a run and sets it against the rule-based results.
 *
 * <p>The points come from {@link ConcurrencyPoints}: every completed scenario's steady window and the
 * ramp-up seconds grouped by active users, each weighted by its seconds. {@link UslFit} fits
 * {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))} to them by weighted least squares and
 * raises its trust warnings: fewer than {@value UslFit#MIN_TRUSTED_LEVELS} concurrency levels, N* outside
 * the measured range (extrapolation), a standard error above its value, sigma or kappa pinned at 0. This
 * class adds {@code poor_fit} when R squared is below {@value #MIN_TRUSTED_R_SQUARED}.
 * {@link ModelCrossCheck} then compares N* and the Kneedle knees with the rule-based optimum.
 *
 * <p>With fewer than 3 distinct N, no throughput, or a fit that does not converge, the result has status
 * {@value Scalability#NOT_FITTED} with the reason, the points, and a cross-check of the knees alone.
 */
final class ScalabilityAnalyzer {

    /**
     * R squared below which the fit gets a {@code poor_fit} warning.
     * NOTE: a judgment call, not a statistical test. Below it the model explains less than four fifths of
     * the weighted variance in throughput, so N* is no reliable capacity figure.
     */
    static final double MIN_TRUSTED_R_SQUARED = 0.8;

    private ScalabilityAnalyzer() {}

    static Scalability analyze(List<Integer> planUsers, List<ScenarioRun> completedRuns,
            Map<String, ScenarioMetrics> metricsByScenario, List<ScenarioMetrics> ran, OptimalConcurrency optimal,
            BreakingPoint breakingPoint, AnalysisSettings settings) {
        List<ConcurrencyPoints.Point> points = ConcurrencyPoints.collect(completedRuns, metricsByScenario);
        double[] users = points.stream().mapToDouble(ConcurrencyPoints.Point::users).toArray();
        double[] throughput = points.stream().mapToDouble(ConcurrencyPoints.Point::throughputRps).toArray();
        double[] seconds = points.stream().mapToDouble(ConcurrencyPoints.Point::seconds).toArray();
        Double maxUsers = points.isEmpty() ? null : Arrays.stream(users).max().getAsDouble();
        int levels = levels(users);

        String failure = null;
        UslModel model = null;
        if (distinct(users) < 3) {
            failure = "the run measured " + distinct(users) + " distinct concurrency level(s) and the 3 USL"
                    + " coefficients need at least 3; add scenarios or ramp-ups";
        } else if (Arrays.stream(throughput).allMatch(value -> value == 0)) {
            failure = "no scenario completed a successful response, so there is no throughput to fit";
        } else {
            try {
                model = UslFit.fit(users, throughput, seconds);
            } catch (IllegalStateException | IllegalArgumentException e) {
                failure = "the fit failed: " + e.getMessage();
            }
        }

        if (model == null) {
            ModelCrossCheck crossCheck = ModelCrossCheck.compare(planUsers, ran, null, optimal, breakingPoint,
                    settings.modelDisagreementLevels());
            return new Scalability(Scalability.NOT_FITTED, failure, Scalability.FORMULA, Scalability.THROUGHPUT_UNIT,
                    null, null, null, null, null, null, maxUsers, levels, toPoints(points, null), List.of(),
                    crossCheck, fitService(points));
        }

        OptionalDouble peak = model.peakConcurrency();
        OptionalDouble peakThroughput = model.peakThroughput();
        Double peakUsers = peak.isPresent() ? Numbers.finiteOrNull(peak.getAsDouble()) : null;
        ModelCrossCheck crossCheck = ModelCrossCheck.compare(planUsers, ran, peakUsers, optimal, breakingPoint,
                settings.modelDisagreementLevels());
        List<Scalability.Warning> warnings = new ArrayList<>();
        for (UslWarning warning : model.warnings()) {
            warnings.add(new Scalability.Warning(warning.code().name().toLowerCase(Locale.ROOT), warning.message()));
        }
        if (model.rSquared() < MIN_TRUSTED_R_SQUARED) {
            warnings.add(new Scalability.Warning("poor_fit", String.format(Locale.ROOT, "R squared is %.2f, below "
                    + "%s, so the USL describes this run's throughput poorly and N* is not a capacity figure; look "
                    + "at the residuals for the levels that do not fit, such as a scenario past the breaking point.",
                    model.rSquared(), MIN_TRUSTED_R_SQUARED)));
        }
        return new Scalability(Scalability.FITTED, null, Scalability.FORMULA, Scalability.THROUGHPUT_UNIT,
                new Scalability.Coefficient(model.lambda(), Numbers.finiteOrNull(model.lambdaStandardError())),
                new Scalability.Coefficient(model.sigma(), Numbers.finiteOrNull(model.sigmaStandardError())),
                new Scalability.Coefficient(model.kappa(), Numbers.finiteOrNull(model.kappaStandardError())),
                Numbers.finiteOrNull(model.rSquared()),
                peakUsers,
                peakThroughput.isPresent() ? Numbers.finiteOrNull(peakThroughput.getAsDouble()) : null,
                maxUsers, levels, toPoints(points, model), warnings, crossCheck, fitService(points));
    }

    /** Fits the law against in-service concurrency, from the points that have it. */
    private static Scalability.ServiceModel fitService(List<ConcurrencyPoints.Point> points) {
        List<ConcurrencyPoints.Point> usable = points.stream()
                .filter(point -> point.serviceConcurrency() != null && point.serviceConcurrency() > 0
                        && Double.isFinite(point.serviceConcurrency()))
                .toList();
        double[] concurrency = usable.stream().mapToDouble(ConcurrencyPoints.Point::serviceConcurrency).toArray();
        double[] throughput = usable.stream().mapToDouble(ConcurrencyPoints.Point::serviceThroughputRps).toArray();
        double[] seconds = usable.stream().mapToDouble(ConcurrencyPoints.Point::seconds).toArray();
        if (distinct(concurrency) < 3 || Arrays.stream(throughput).allMatch(value -> value == 0)) {
            return new Scalability.ServiceModel(Scalability.NOT_FITTED, "fewer than 3 distinct in-service concurrency "
                    + "levels with throughput", null, null, null, null, null, null, List.of());
        }
        UslModel model;
        try {
            model = UslFit.fit(concurrency, throughput, seconds);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new Scalability.ServiceModel(Scalability.NOT_FITTED, "the fit failed: " + e.getMessage(), null, null,
                    null, null, null, null, List.of());
        }
        OptionalDouble peak = model.peakConcurrency();
        OptionalDouble peakThroughput = model.peakThroughput();
        return new Scalability.ServiceModel(Scalability.FITTED, null,
                new Scalability.Coefficient(model.lambda(), Numbers.finiteOrNull(model.lambdaStandardError())),
                new Scalability.Coefficient(model.sigma(), Numbers.finiteOrNull(model.sigmaStandardError())),
                new Scalability.Coefficient(model.kappa(), Numbers.finiteOrNull(model.kappaStandardError())),
                Numbers.finiteOrNull(model.rSquared()),
                peak.isPresent() ? Numbers.finiteOrNull(peak.getAsDouble()) : null,
                peakThroughput.isPresent() ? Numbers.finiteOrNull(peakThroughput.getAsDouble()) : null,
                model.warnings().stream().map(warning -> warning.code().name().toLowerCase(Locale.ROOT)).toList());
    }

    private static List<Scalability.Point> toPoints(List<ConcurrencyPoints.Point> points, UslModel model) {
        double[] residuals = model == null ? null : model.residuals();
        List<Scalability.Point> result = new ArrayList<>();
        for (int index = 0; index < points.size(); index++) {
            ConcurrencyPoints.Point point = points.get(index);
            Double fitted = model == null ? null : Numbers.finiteOrNull(model.predict(point.users()));
            Double residual = residuals == null ? null : Numbers.finiteOrNull(residuals[index]);
            result.add(new Scalability.Point(point.source(), point.scenario(), point.users(), point.throughputRps(),
                    point.seconds(), fitted, residual, point.inServiceConcurrency(), point.serviceConcurrency(),
                    point.serviceThroughputRps()));
        }
        return result;
    }

    private static int distinct(double[] users) {
        Set<Double> values = new HashSet<>();
        for (double value : users) {
            values.add(value);
        }
        return values.size();
    }

    /** Counts levels as {@link UslFit} does: N rounded to {@value UslFit#LEVEL_ROUNDING_STEP} users. */
    private static int levels(double[] users) {
        Set<Long> values = new HashSet<>();
        for (double value : users) {
            values.add(Math.round(value / UslFit.LEVEL_ROUNDING_STEP));
        }
        return values.size();
    }
}
