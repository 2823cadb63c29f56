package io.shotload.run;

import io.shotload.plan.LoadPlan;
import java.util.List;
import java.util.Optional;

/**
 * The raw data of one capacity-test run, written by the simulation into its Gatling run folder as
 * {@value RunDataFiles#RUN_DATA_FILE} and read by the post-processor.
 *
 * @param formatVersion {@value #FORMAT_VERSION}; readers reject other versions
 * @param runId the Gatling run folder's name, such as {@code capacitysimulation-20261204103000123}
 * @param simulation the simulation class's simple name
 * @param gatlingVersion the Gatling version that ran it
 * @param startedAtEpochMillis when the first scenario started
 * @param endedAtEpochMillis when the last scenario ended
 * @param target the service under test
 * @param plan the plan as loaded
 * @param scenarios one entry per planned scenario, in plan order, skipped ones included
 * @param targetSamples the target's {@code /metrics}, once a second; empty when it has none
 * @param generatorSamples the Gatling JVM's CPU and heap, once a second
 * @param stopReason why the run stopped early; {@code null} when every scenario ran
 * @param warnings problems the recorder noticed, for the report
 * @param openValidation the open-model validation stage; {@code null} when it was not requested
 */
public record RunData(
        int formatVersion,
        String runId,
        String simulation,
        String gatlingVersion,
        long startedAtEpochMillis,
        long endedAtEpochMillis,
        TargetInfo target,
        LoadPlan plan,
        List<ScenarioRun> scenarios,
        List<TargetSample> targetSamples,
        List<GeneratorSample> generatorSamples,
        String stopReason,
        List<String> warnings,
        OpenValidationRun openValidation) {

    public static final int FORMAT_VERSION = 2;

    public RunData {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        targetSamples = targetSamples == null ? List.of() : List.copyOf(targetSamples);
        generatorSamples = generatorSamples == null ? List.of() : List.copyOf(generatorSamples);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Creates run data without an open-model validation stage. */
    public RunData(int formatVersion, String runId, String simulation, String gatlingVersion, long startedAtEpochMillis,
            long endedAtEpochMillis, TargetInfo target, LoadPlan plan, List<ScenarioRun> scenarios,
            List<TargetSample> targetSamples, List<GeneratorSample> generatorSamples, String stopReason,
            List<String> warnings) {
        this(formatVersion, runId, simulation, gatlingVersion, startedAtEpochMillis, endedAtEpochMillis, target, plan,
                scenarios, targetSamples, generatorSamples, stopReason, warnings, null);
    }

    public Optional<ScenarioRun> scenario(String name) {
        return scenarios.stream().filter(run -> run.name().equals(name)).findFirst();
    }

    /** Returns the run's wall time in seconds. */
    public double durationSeconds() {
        return Math.max(0, endedAtEpochMillis - startedAtEpochMillis) / 1000.0;
    }
}
