package io.shotload.analysis;

import java.util.List;

/**
 * The result of analysing one run.
 *
 * @param settings the thresholds used
 * @param scenarios one result per planned scenario, in plan order
 * @param analysis the run-wide findings
 * @param summary the headline and the exit code
 */
public record CapacityAnalysis(
        AnalysisSettings settings,
        List<ScenarioResult> scenarios,
        AnalysisFindings analysis,
        Summary summary) {

    public CapacityAnalysis {
        scenarios = List.copyOf(scenarios);
    }

    /** Returns the process exit code: 0, 1 or 2 as {@link ExitCode} defines. */
    public int exitCode() {
        return summary.exitCode();
    }
}
