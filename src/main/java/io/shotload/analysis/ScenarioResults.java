package io.shotload.analysis;

import io.shotload.analysis.CapacityAnalyzer.PlannedScenario;
import io.shotload.analysis.CriterionResult.Outcome;
import io.shotload.run.ScenarioStatus;
import java.util.ArrayList;
import java.util.List;

/** Assembles one {@link ScenarioResult} per planned scenario from the computed parts. */
final class ScenarioResults {

    /** The skip reason of a planned scenario that the run data lacks. */
    static final String MISSING_REASON = "the run data has no entry for this scenario";

    private final AnalysisSettings settings;
    private final ScenarioCriteria criteria;

    ScenarioResults(AnalysisSettings settings) {
        this.settings = settings;
        this.criteria = new ScenarioCriteria(settings);
    }

    /**
     * Builds the results in plan order.
     *
     * @param scored the scenarios that ran, in plan order, with {@code littles} and {@code confidences} at the
     *     same indexes
     */
    List<ScenarioResult> build(List<PlannedScenario> planned, List<ScoredScenario> scored,
            List<LittlesLawCheck> littles, List<ScenarioConfidence> confidences, BreakingPoint breakingPoint,
            int breakingIndex,
            OptimalConcurrency optimal) {
        List<ScenarioResult> results = new ArrayList<>();
        int ranIndex = 0;
        for (PlannedScenario scenario : planned) {
            if (scenario.ran()) {
                results.add(ran(scenario, scored.get(ranIndex), littles.get(ranIndex), confidences.get(ranIndex),
                        breakingPoint, ranIndex > breakingIndex));
                ranIndex++;
            } else {
                results.add(notRun(scenario));
            }
        }
        return results;
    }

    private ScenarioResult ran(PlannedScenario scenario, ScoredScenario scored, LittlesLawCheck littles,
            ScenarioConfidence confidence, BreakingPoint breakingPoint, boolean beyondBreakingPoint) {
        boolean aborted = scenario.run().status() == ScenarioStatus.ABORTED;
        String abortReason = aborted ? reasonOrDefault(scenario.run().skipReason(), "no reason recorded") : null;
        List<CriterionResult> list = criteria.forRan(scored, breakingPoint, beyondBreakingPoint, abortReason);
        boolean passed = !aborted && list.stream().allMatch(CriterionResult::passed);
        return new ScenarioResult(
                scenario.spec().name(),
                scenario.spec().users(),
                scenario.spec().durationSeconds(),
                scenario.spec().rampUpSeconds(),
                scenario.spec().thinkTimeMillis(),
                scenario.run().status(),
                abortReason,
                false,
                scored.metrics(),
                confidence,
                scored.stability(),
                littles,
                !aborted && !beyondBreakingPoint && !isBreakingPoint(scored, breakingPoint)
                        && ProductionTargets.met(scored, settings),
                list,
                passed ? Outcome.PASSED : Outcome.FAILED);
    }

    private static boolean isBreakingPoint(ScoredScenario scored, BreakingPoint breakingPoint) {
        return breakingPoint != null && breakingPoint.scenario().equals(scored.metrics().scenario());
    }

    private static ScenarioResult notRun(PlannedScenario scenario) {
        boolean missing = scenario.run() == null;
        String reason = missing ? MISSING_REASON : reasonOrDefault(scenario.run().skipReason(), "no reason recorded");
        return new ScenarioResult(
                scenario.spec().name(),
                scenario.spec().users(),
                scenario.spec().durationSeconds(),
                scenario.spec().rampUpSeconds(),
                scenario.spec().thinkTimeMillis(),
                ScenarioStatus.SKIPPED,
                reason,
                missing,
                null,
                null,
                null,
                null,
                false,
                ScenarioCriteria.forSkipped(reason),
                Outcome.SKIPPED);
    }

    private static String reasonOrDefault(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }
}
