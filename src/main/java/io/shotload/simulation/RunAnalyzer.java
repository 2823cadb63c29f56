package io.shotload.simulation;

import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.TargetSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The post-processor as the simulation uses it: mid-run for the breaking point, at the end for the verdict. */
public interface RunAnalyzer {

    /**
     * Decides from the scenarios finished so far, in plan order, whether the breaking point was crossed.
     *
     * @param targetSamples the target's metrics recorded so far
     * @return the reason to skip the remaining scenarios, or empty to go on
     */
    Optional<String> breakingPoint(List<ScenarioRun> finishedScenarios, List<TargetSample> targetSamples);

    /**
     * Returns the steady throughput of the optimal scenario among those finished, in successful requests
     * per second, or empty when none met the production targets.
     */
    java.util.OptionalDouble recommendedThroughput(io.shotload.plan.LoadPlan plan, List<ScenarioRun> finishedScenarios,
            List<TargetSample> targetSamples);

    /**
     * Analyses a finished run, writes the reports and prints the executive summary.
     *
     * @param runFolder the Gatling run folder that contains the run data
     * @return the exit code: 0 ready, 1 warnings, 2 no valid verdict
     */
    int analyze(Path runFolder, RunData data);
}
