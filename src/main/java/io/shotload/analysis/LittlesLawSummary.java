package io.shotload.analysis;

import java.util.List;

/**
 * Little's law over the whole run; each scenario's own check is in its result.
 *
 * @param status warning when any scenario failed, not_run when none could be checked, else passed
 * @param tolerancePercent the tolerance used
 * @param checkedScenarios scenarios with enough steady data to check
 * @param failedScenarios names of the scenarios whose numbers did not add up
 */
public record LittlesLawSummary(
        CheckStatus status, double tolerancePercent, int checkedScenarios, List<String> failedScenarios) {

    public LittlesLawSummary {
        failedScenarios = List.copyOf(failedScenarios);
    }
}
