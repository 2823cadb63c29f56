package io.shotload.analysis;

import java.util.List;

/**
 * The headline of an analysis, written as {@code summary} in the results file.
 *
 * @param productionReady an optimal concurrency was found, the service did not degrade, and the run
 *     was valid enough for a verdict
 * @param optimalConcurrentUsers users of the optimal scenario; {@code null} when none met the targets
 * @param maxThroughputQps the highest steady throughput of any scenario that ran, successes per second
 * @param recommendedPoolSize ceil(optimal users x headroom); {@code null} without an optimum
 * @param breakingPointDetected whether a scenario crossed a breaking-point rule
 * @param breakingPointUsers users of the breaking-point scenario; {@code null} when none
 * @param scenariosTotal planned scenarios, plus any the run data has beyond the plan
 * @param scenariosPassed scenarios that completed with every criterion passed
 * @param scenariosFailed scenarios that ran and failed a criterion or were aborted
 * @param scenariosSkipped scenarios that did not run, missing ones included
 * @param durationSeconds the run's wall time
 * @param validation whether the run's data supports a verdict
 * @param exitCode 0, 1 or 2 as {@link ExitCode} defines
 * @param verdict {@code ready}, {@code warnings} or {@code critical}
 * @param reasons why the verdict is not {@code ready}, one sentence each; empty when it is
 */
public record Summary(
        boolean productionReady,
        Integer optimalConcurrentUsers,
        Double maxThroughputQps,
        Integer recommendedPoolSize,
        boolean breakingPointDetected,
        Integer breakingPointUsers,
        int scenariosTotal,
        int scenariosPassed,
        int scenariosFailed,
        int scenariosSkipped,
        double durationSeconds,
        Validation validation,
        int exitCode,
        String verdict,
        List<String> reasons) {

    public Summary {
        reasons = List.copyOf(reasons);
    }
}
