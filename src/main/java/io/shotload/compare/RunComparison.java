package io.shotload.compare;

import io.shotload.compare.ResultsSnapshot.ScenarioFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares a current run's results with a baseline's against the {@link RegressionThresholds}.
 *
 * <p>Rows, each with the change that the thresholds apply to:
 * <ul>
 *   <li>max throughput, {@code summary.max_throughput_qps}: drop in percent of the baseline;</li>
 *   <li>per scenario that ran in both, matched by name: steady throughput drop in percent, p95 increase in
 *       percent, and error rate increase in percentage points. A p95 that either file marks as resting on
 *       too few samples is not compared, because its run-to-run noise would dwarf any threshold. An error
 *       rate increase smaller than its sampling noise, 1.96 standard errors of the difference of two
 *       proportions {@code sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)}, stays ok: 250 requests at 2% failures
 *       differ by 1.25 points (one standard error) between two runs of the same service;</li>
 *   <li>recommended pool size: any change of at least the warning size is a warning, a drop of at least the
 *       critical percent is a regression, and losing the recommendation altogether is a regression;</li>
 *   <li>a scenario that ran in the baseline but not in the current run is a warning: the run stopped
 *       earlier, which the throughput rows then show;</li>
 *   <li>a different plan name or target URL is a warning, because the figures may then not be comparable.</li>
 * </ul>
 * A change counts when it reaches the threshold ({@code >=}). A baseline of 0 gives no percentage, so
 * that row is not compared. The exit code is 2 with any regression, else 1 with any warning, else 0.
 */
public final class RunComparison {

    public static final int EXIT_NO_REGRESSION = 0;
    public static final int EXIT_WARNINGS = 1;
    public static final int EXIT_REGRESSION = 2;

    /** Two-sided 95% normal quantile for the error-rate noise band. */
    static final double NOISE_Z = 1.96;

    /** Outcome of one row. */
    public enum Status { OK, WARNING, CRITICAL, NOT_COMPARED }

    /**
     * One compared figure.
     *
     * @param metric what is compared, such as {@code p95 increase}
     * @param scenario the scenario; {@code null} for run-wide figures
     * @param baseline the baseline's value; {@code null} when absent
     * @param current the current value; {@code null} when absent
     * @param change the change the thresholds apply to, in {@code unit}; {@code null} when not compared
     * @param unit {@code %} or {@code pp} (percentage points) or {@code browsers}
     * @param warningAt the warning threshold
     * @param criticalAt the critical threshold; {@code null} when the row has none
     * @param status the outcome
     * @param note why a row was not compared or what its status means; {@code null} when plain
     */
    public record Row(String metric, String scenario, Double baseline, Double current, Double change, String unit,
            Double warningAt, Double criticalAt, Status status, String note) {}

    /** The rows and their verdict. */
    public record Result(List<Row> rows, int exitCode) {

        public Result {
            rows = List.copyOf(rows);
        }

        /** Returns {@code ok}, {@code warnings} or {@code regression}. */
        public String verdict() {
            return switch (exitCode) {
                case EXIT_NO_REGRESSION -> "ok";
                case EXIT_WARNINGS -> "warnings";
                default -> "regression";
            };
        }
    }

    private RunComparison() {}

    public static Result compare(ResultsSnapshot baseline, ResultsSnapshot current, RegressionThresholds thresholds) {
        List<Row> rows = new ArrayList<>();
        sameText(rows, "plan", baseline.planName(), current.planName());
        sameText(rows, "target", baseline.targetBaseUrl(), current.targetBaseUrl());
        rows.add(drop("max throughput drop", null, baseline.maxThroughputQps(), current.maxThroughputQps(),
                thresholds.get(RegressionThreshold.THROUGHPUT_DROP_WARNING_PERCENT),
                thresholds.get(RegressionThreshold.THROUGHPUT_DROP_CRITICAL_PERCENT)));

        for (ScenarioFigures before : baseline.scenarios()) {
            Optional<ScenarioFigures> match = current.scenarios().stream()
                    .filter(after -> after.name().equals(before.name()))
                    .findFirst();
            if (!before.ran()) {
                continue;
            }
            if (match.isEmpty() || !match.get().ran()) {
                rows.add(new Row("scenario ran", before.name(), null, null, null, "", null, null, Status.WARNING,
                        "ran in the baseline but not in the current run"));
                continue;
            }
            scenarioRows(rows, before, match.get(), thresholds);
        }

        rows.add(poolSize(baseline.recommendedPoolSize(), current.recommendedPoolSize(), thresholds));
        if (rows.stream().anyMatch(row -> row.status() == Status.CRITICAL)) {
            return new Result(rows, EXIT_REGRESSION);
        }
        if (rows.stream().anyMatch(row -> row.status() == Status.WARNING)) {
            return new Result(rows, EXIT_WARNINGS);
        }
        return new Result(rows, EXIT_NO_REGRESSION);
    }

    private static void sameText(List<Row> rows, String metric, String before, String after) {
        if (before != null && after != null && !before.equals(after)) {
            rows.add(new Row(metric, null, null, null, null, "", null, null, Status.WARNING,
                    "the baseline used " + before + " and the current run " + after + ", so the figures may not be "
                            + "comparable"));
        }
    }

    private static void scenarioRows(List<Row> rows, ScenarioFigures before, ScenarioFigures after,
            RegressionThresholds thresholds) {
        rows.add(drop("throughput drop", before.name(), before.throughputSteadyRps(), after.throughputSteadyRps(),
                thresholds.get(RegressionThreshold.THROUGHPUT_DROP_WARNING_PERCENT),
                thresholds.get(RegressionThreshold.THROUGHPUT_DROP_CRITICAL_PERCENT)));

        double p95Warning = thresholds.get(RegressionThreshold.P95_INCREASE_WARNING_PERCENT);
        double p95Critical = thresholds.get(RegressionThreshold.P95_INCREASE_CRITICAL_PERCENT);
        if (before.p95InsufficientSamples() || after.p95InsufficientSamples()) {
            rows.add(new Row("p95 increase", before.name(), before.p95ResponseTimeMs(), after.p95ResponseTimeMs(),
                    null, "%", p95Warning, p95Critical, Status.NOT_COMPARED,
                    "too few responses for a p95 in " + (before.p95InsufficientSamples() ? "the baseline" : "the current run")));
        } else {
            rows.add(increasePercent("p95 increase", before.name(), before.p95ResponseTimeMs(),
                    after.p95ResponseTimeMs(), p95Warning, p95Critical));
        }

        Double beforeRate = before.errorRatePercent();
        Double afterRate = after.errorRatePercent();
        Double change = beforeRate == null || afterRate == null ? null : afterRate - beforeRate;
        Row errorRow = classify("error rate increase", before.name(), beforeRate, afterRate, change, "pp",
                thresholds.get(RegressionThreshold.ERROR_RATE_INCREASE_WARNING_POINTS),
                thresholds.get(RegressionThreshold.ERROR_RATE_INCREASE_CRITICAL_POINTS));
        double noise = errorRateNoisePoints(before, after);
        if (errorRow.status() != Status.OK && errorRow.status() != Status.NOT_COMPARED && change < noise) {
            errorRow = new Row(errorRow.metric(), errorRow.scenario(), beforeRate, afterRate, change, "pp",
                    errorRow.warningAt(), errorRow.criticalAt(), Status.OK, String.format(Locale.ROOT,
                            "within sampling noise of %.1f pp", noise));
        }
        rows.add(errorRow);
    }

    /**
     * Returns 1.96 standard errors of the difference of the two error rates, in percentage points, or 0
     * when a request count is missing.
     */
    static double errorRateNoisePoints(ScenarioFigures before, ScenarioFigures after) {
        if (before.totalRequests() == null || after.totalRequests() == null || before.totalRequests() <= 0
                || after.totalRequests() <= 0) {
            return 0;
        }
        double p1 = before.errorRatePercent() / 100.0;
        double p2 = after.errorRatePercent() / 100.0;
        double variance = p1 * (1 - p1) / before.totalRequests() + p2 * (1 - p2) / after.totalRequests();
        return NOISE_Z * Math.sqrt(variance) * 100.0;
    }

    private static Row drop(String metric, String scenario, Double before, Double after, double warning,
            double critical) {
        Double change = before == null || after == null || before <= 0 ? null : 100.0 * (before - after) / before;
        return classify(metric, scenario, before, after, change, "%", warning, critical);
    }

    private static Row increasePercent(String metric, String scenario, Double before, Double after, double warning,
            double critical) {
        Double change = before == null || after == null || before <= 0 ? null : 100.0 * (after - before) / before;
        return classify(metric, scenario, before, after, change, "%", warning, critical);
    }

    private static Row classify(String metric, String scenario, Double before, Double after, Double change,
            String unit, double warning, double critical) {
        if (change == null) {
            return new Row(metric, scenario, before, after, null, unit, warning, critical, Status.NOT_COMPARED,
                    before == null || after == null ? "missing in one of the files" : "the baseline is 0");
        }
        Status status = Status.OK;
        if (change >= critical) {
            status = Status.CRITICAL;
        } else if (change >= warning) {
            status = Status.WARNING;
        }
        return new Row(metric, scenario, before, after, change, unit, warning, critical, status, null);
    }

    private static Row poolSize(Integer before, Integer after, RegressionThresholds thresholds) {
        double warning = thresholds.get(RegressionThreshold.POOL_SIZE_CHANGE_WARNING_USERS);
        double criticalPercent = thresholds.get(RegressionThreshold.POOL_SIZE_DROP_CRITICAL_PERCENT);
        Double beforeValue = before == null ? null : before.doubleValue();
        Double afterValue = after == null ? null : after.doubleValue();
        if (before == null) {
            return new Row("pool size change", null, null, afterValue, null, "browsers", warning, null,
                    Status.NOT_COMPARED, "the baseline recommended no pool size");
        }
        if (after == null) {
            return new Row("pool size change", null, beforeValue, null, null, "browsers", warning, null,
                    Status.CRITICAL, "the current run recommends no pool size: no scenario met the production targets");
        }
        double change = after - before;
        double dropPercent = before > 0 ? -100.0 * change / before : 0;
        if (dropPercent >= criticalPercent) {
            return new Row("pool size change", null, beforeValue, afterValue, change, "browsers", warning, null,
                    Status.CRITICAL, String.format(Locale.ROOT, "a drop of %.0f%%, at least %s%%", dropPercent,
                            format(criticalPercent)));
        }
        Status status = Status.OK;
        String note = null;
        if (change != 0 && Math.abs(change) >= warning) {
            status = Status.WARNING;
            note = "update the production configuration";
        }
        return new Row("pool size change", null, beforeValue, afterValue, change, "browsers", warning, null, status,
                note);
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
