package io.shotload.analysis;

import io.shotload.analysis.CriterionResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the pass/fail criteria of a scenario. The limits are the breaking-point thresholds, so a
 * scenario fails when the service broke in it. Each message also states whether the stricter production
 * target was met.
 */
final class ScenarioCriteria {

    private final AnalysisSettings settings;

    ScenarioCriteria(AnalysisSettings settings) {
        this.settings = settings;
    }

    /**
     * Returns the criteria of a scenario that ran.
     *
     * @param breakingPoint the run's breaking point, or {@code null}
     * @param beyondBreakingPoint whether this scenario ran after the breaking-point scenario
     * @param abortReason why it was aborted, or {@code null} when it completed
     */
    List<CriterionResult> forRan(ScoredScenario scored, BreakingPoint breakingPoint, boolean beyondBreakingPoint,
            String abortReason) {
        ScenarioMetrics metrics = scored.metrics();
        List<CriterionResult> criteria = new ArrayList<>();
        criteria.add(errorRate(metrics));
        criteria.add(latency(metrics));
        criteria.add(stability(scored.stability()));
        criteria.add(breakingPoint(metrics, breakingPoint, beyondBreakingPoint));
        if (abortReason != null) {
            criteria.add(new CriterionResult(CriterionResult.COMPLETED, Outcome.FAILED,
                    "The scenario was aborted before its planned end: " + abortReason));
        }
        return criteria;
    }

    /** Returns the criteria of a scenario that did not run, each skipped with the reason. */
    static List<CriterionResult> forSkipped(String reason) {
        String message = "Not run: " + reason;
        return List.of(
                new CriterionResult(CriterionResult.ERROR_RATE, Outcome.SKIPPED, message),
                new CriterionResult(CriterionResult.LATENCY, Outcome.SKIPPED, message),
                new CriterionResult(CriterionResult.STABILITY, Outcome.SKIPPED, message),
                new CriterionResult(CriterionResult.BREAKING_POINT, Outcome.SKIPPED, message));
    }

    private CriterionResult errorRate(ScenarioMetrics metrics) {
        if (metrics.errorRatePercent() == null) {
            return new CriterionResult(CriterionResult.ERROR_RATE, Outcome.FAILED, "No responses were recorded.");
        }
        boolean passed = metrics.errorRatePercent() <= settings.maxErrorRatePercent();
        String message = String.format(Locale.ROOT,
                "Error rate %.2f%% (%d of %d requests failed); limit %s%%; production target below %s%%: %s.",
                metrics.errorRatePercent(), metrics.failedRequests(), metrics.totalRequests(),
                Setting.format(settings.maxErrorRatePercent()), Setting.format(settings.targetErrorRatePercent()),
                metrics.errorRatePercent() < settings.targetErrorRatePercent() ? "met" : "not met");
        return new CriterionResult(CriterionResult.ERROR_RATE, passed ? Outcome.PASSED : Outcome.FAILED, message);
    }

    private CriterionResult latency(ScenarioMetrics metrics) {
        if (metrics.avgResponseTimeMs() == null) {
            return new CriterionResult(CriterionResult.LATENCY, Outcome.FAILED, "No response times were recorded.");
        }
        boolean passed = metrics.avgResponseTimeMs() <= settings.maxAvgResponseMs();
        String message = String.format(Locale.ROOT,
                "Average response time %.0f ms (p95 %d ms, p99 %d ms); limit %s ms; production target below %s ms: %s.",
                metrics.avgResponseTimeMs(), metrics.p95ResponseTimeMs(), metrics.p99ResponseTimeMs(),
                Setting.format(settings.maxAvgResponseMs()), Setting.format(settings.targetAvgResponseMs()),
                metrics.avgResponseTimeMs() < settings.targetAvgResponseMs() ? "met" : "not met");
        return new CriterionResult(CriterionResult.LATENCY, passed ? Outcome.PASSED : Outcome.FAILED, message);
    }

    private CriterionResult stability(StabilityScore stability) {
        if (stability.insufficientData()) {
            return new CriterionResult(CriterionResult.STABILITY, Outcome.FAILED,
                    "Stability 0: no responses were recorded.");
        }
        boolean passed = stability.score() >= settings.minStability();
        String message = String.format(Locale.ROOT,
                "Stability %.2f (errors %.2f, latency %.2f, throughput %.2f, spread %.2f); minimum %s; "
                        + "production target %s: %s.",
                stability.score(), stability.errorComponent(), stability.latencyComponent(),
                stability.throughputComponent(), stability.spreadComponent(), Setting.format(settings.minStability()),
                Setting.format(settings.targetStability()),
                stability.score() >= settings.targetStability() ? "met" : "not met");
        return new CriterionResult(CriterionResult.STABILITY, passed ? Outcome.PASSED : Outcome.FAILED, message);
    }

    private static CriterionResult breakingPoint(ScenarioMetrics metrics, BreakingPoint breakingPoint,
            boolean beyondBreakingPoint) {
        if (breakingPoint != null && breakingPoint.scenario().equals(metrics.scenario())) {
            return new CriterionResult(CriterionResult.BREAKING_POINT, Outcome.FAILED,
                    "Breaking point at " + metrics.users() + " users: " + String.join("; ", breakingPoint.reasons())
                            + ".");
        }
        if (beyondBreakingPoint) {
            return new CriterionResult(CriterionResult.BREAKING_POINT, Outcome.FAILED, "Ran beyond the breaking point at "
                    + breakingPoint.scenario() + " (" + breakingPoint.users() + " users).");
        }
        return new CriterionResult(CriterionResult.BREAKING_POINT, Outcome.PASSED,
                "No breaking-point rule crossed at " + metrics.users() + " users.");
    }
}
