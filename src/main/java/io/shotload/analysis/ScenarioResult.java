package io.shotload.analysis;

import io.shotload.run.ScenarioStatus;
import java.util.List;

/**
 * The analysis of one planned scenario.
 *
 * @param scenario the scenario's name
 * @param users planned concurrent users
 * @param durationSeconds planned window, ramp-up included
 * @param rampUpSeconds planned ramp-up
 * @param thinkTimeMs planned pause after each response
 * @param status completed, aborted or skipped; a scenario missing from the run data counts as skipped
 * @param skipReason why it did not run or was aborted; {@code null} when completed
 * @param missingFromRunData true when the plan lists the scenario but the run data has no entry for it
 * @param metrics the measurements; {@code null} when it did not run
 * @param confidence intervals for p95, p99 and steady throughput, and the warm-up search; {@code null}
 *     when it did not run
 * @param stability the stability score; {@code null} when it did not run
 * @param littlesLaw the Little's-law check; {@code null} when it did not run
 * @param withinProductionTargets whether it met every production target, so it may set the optimum
 * @param criteria the pass/fail criteria
 * @param outcome {@code passed} when it completed and every criterion passed, {@code skipped} when it did
 *     not run, else {@code failed}
 */
public record ScenarioResult(
        String scenario,
        int users,
        int durationSeconds,
        int rampUpSeconds,
        long thinkTimeMs,
        ScenarioStatus status,
        String skipReason,
        boolean missingFromRunData,
        ScenarioMetrics metrics,
        ScenarioConfidence confidence,
        StabilityScore stability,
        LittlesLawCheck littlesLaw,
        boolean withinProductionTargets,
        List<CriterionResult> criteria,
        CriterionResult.Outcome outcome) {

    public ScenarioResult {
        criteria = List.copyOf(criteria);
    }

    /** Returns whether the scenario ran (completed or aborted), so it has metrics. */
    public boolean ran() {
        return metrics != null;
    }
}
