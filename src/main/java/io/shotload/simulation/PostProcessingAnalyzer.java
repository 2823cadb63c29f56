package io.shotload.simulation;

import io.shotload.analysis.BreakingPoint;
import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.analysis.ExitCode;
import io.shotload.analysis.OptimalConcurrency;
import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.report.PostProcessor;
import io.shotload.run.InvalidRunDataException;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.TargetSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The post-processor behind the simulation: the analysis mid-run, and the reports at the end. */
public final class PostProcessingAnalyzer implements RunAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(PostProcessingAnalyzer.class);

    private final SimulationSettings settings;
    private final CapacityAnalyzer analyzer;

    public PostProcessingAnalyzer(SimulationSettings settings) {
        this.settings = settings;
        this.analyzer = new CapacityAnalyzer(settings.analysis());
    }

    @Override
    public Optional<String> breakingPoint(List<ScenarioRun> finishedScenarios, List<TargetSample> targetSamples) {
        return analyzer.breakingPointSoFar(finishedScenarios, targetSamples).map(PostProcessingAnalyzer::describe);
    }

    @Override
    public OptionalDouble recommendedThroughput(LoadPlan plan, List<ScenarioRun> finishedScenarios,
            List<TargetSample> targetSamples) {
        List<ScenarioRun> scenarios = new ArrayList<>();
        for (ScenarioSpec spec : plan.scenarios()) {
            scenarios.add(finishedScenarios.stream().filter(run -> run.name().equals(spec.name())).findFirst()
                    .orElse(ScenarioRun.skipped(spec, "not run before the validation stage")));
        }
        long now = System.currentTimeMillis();
        RunData sofar = new RunData(RunData.FORMAT_VERSION, "in-progress", "CapacitySimulation", "", now, now, null, plan,
                scenarios, targetSamples, List.of(), null, List.of());
        OptimalConcurrency optimal = analyzer.analyze(sofar).analysis().optimal();
        return optimal == null ? OptionalDouble.empty() : OptionalDouble.of(optimal.throughputSteadyRps());
    }

    @Override
    public int analyze(Path runFolder, RunData data) {
        PostProcessor postProcessor = new PostProcessor(settings.analysis(), settings.resultsDir(), settings.reportsDir(),
                Clock.systemUTC(), System.out);
        try {
            return postProcessor.process(data).exitCode();
        } catch (IOException | InvalidRunDataException e) {
            log.error("Post-processing run {} failed, so no verdict is possible: {}", runFolder, e.getMessage());
            return ExitCode.NO_VERDICT.code();
        }
    }

    private static String describe(BreakingPoint breakingPoint) {
        return "breaking point reached at " + breakingPoint.scenario() + " (" + breakingPoint.users() + " users): "
                + String.join("; ", breakingPoint.reasons());
    }
}
