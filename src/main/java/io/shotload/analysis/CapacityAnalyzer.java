package io.shotload.analysis;

import io.shotload.plan.ScenarioSpec;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.TargetSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Analyses a capacity-test run: per-scenario metrics with confidence intervals, stability, the breaking
 * point, the optimal concurrency, the recommended pool size and production configuration, the scalability
 * model and its cross-check, the run's validity, and the exit code.
 *
 * <p>The simulation uses it twice: {@link #breakingPointSoFar} after each scenario, to skip the rest
 * once the service broke, and {@link #analyze} at the end.
 */
public final class CapacityAnalyzer {

    /**
     * The {@code RunData.stopReason} prefix with which the simulation reports an unreachable target,
     * such as {@code "target_unreachable: connection refused"}. Any stop reason containing "unreachable"
     * also counts; either makes the exit code 2.
     */
    public static final String STOP_REASON_TARGET_UNREACHABLE = "target_unreachable";

    /** Steady windows shorter than this are reported as too short for a firm throughput figure, in s. */
    public static final int MIN_STEADY_SECONDS_FOR_CONFIDENCE = 5;

    private final AnalysisSettings settings;
    private final ScenarioMetricsCalculator calculator;
    private final StabilityScorer scorer;
    private final BreakingPointDetector detector;

    public CapacityAnalyzer(AnalysisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calculator = new ScenarioMetricsCalculator(settings);
        this.scorer = new StabilityScorer(settings);
        this.detector = new BreakingPointDetector(settings);
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /**
     * Decides, mid-run, whether the scenarios finished so far crossed the breaking point.
     *
     * @param finishedScenarios the scenarios finished so far, in plan order; skipped ones are ignored
     * @param targetSamples the target's scrapes so far, for memory
     * @return the breaking point, or empty to go on with the next scenario
     * @throws io.shotload.run.InvalidRunDataException when a histogram is corrupt
     */
    public Optional<BreakingPoint> breakingPointSoFar(List<ScenarioRun> finishedScenarios,
            List<TargetSample> targetSamples) {
        List<ScenarioMetrics> metrics = finishedScenarios.stream()
                .filter(run -> run.status() != ScenarioStatus.SKIPPED)
                .map(run -> calculator.compute(run, targetSamples))
                .toList();
        return detector.detect(score(metrics));
    }

    /**
     * Analyses a whole run.
     *
     * @throws io.shotload.run.InvalidRunDataException when a histogram is corrupt
     */
    public CapacityAnalysis analyze(RunData data) {
        List<String> warnings = new ArrayList<>();
        List<PlannedScenario> planned = PlannedScenario.match(data, warnings);

        List<ScenarioMetrics> ranMetrics = new ArrayList<>();
        List<ScenarioConfidence> confidences = new ArrayList<>();
        for (PlannedScenario scenario : planned) {
            if (scenario.ran()) {
                ScenarioMetrics metrics = calculator.compute(scenario.run(), data.targetSamples());
                ranMetrics.add(metrics);
                confidences.add(ConfidenceCalculator.compute(scenario.run(), metrics));
            }
        }
        List<ScoredScenario> scored = score(ranMetrics);
        BreakingPoint breakingPoint = detector.detect(scored).orElse(null);
        int breakingIndex = breakingPoint == null ? Integer.MAX_VALUE : indexOf(scored, breakingPoint.scenario());

        List<LittlesLawCheck> littles = ranMetrics.stream()
                .map(metrics -> LittlesLawCheck.check(metrics, settings.littlesLawTolerancePercent()))
                .toList();
        OptimalConcurrency optimal = findOptimal(planned, scored, breakingIndex);

        List<ScenarioResult> results = new ScenarioResults(settings).build(planned, scored, littles, confidences,
                breakingPoint, breakingIndex, optimal);

        Integer poolSize = optimal == null ? null
                : ProductionConfigRecommender.poolSize(optimal.users(), settings.poolHeadroom());
        ProductionConfig config = optimal == null ? null
                : new ProductionConfigRecommender(settings).recommend(metricsOf(scored, optimal.scenario()), ranMetrics);

        LittlesLawSummary littlesSummary = summarize(ranMetrics, littles);
        GeneratorSaturation generator = GeneratorSaturation.check(data.generatorSamples(), settings);
        Validation validation = RunValidator.validate(data, results, littlesSummary, generator, settings);

        Boolean atLast = breakingPoint == null ? null
                : breakingPoint.scenario().equals(planned.get(planned.size() - 1).spec().name());
        boolean degradation = breakingPoint != null
                && (!atLast || (poolSize != null && breakingPoint.users() <= poolSize));

        Scalability scalability = ranMetrics.isEmpty() ? null : scalability(planned, ranMetrics, optimal, breakingPoint);

        warnings.addAll(Warnings.collect(settings, data, results, generator, optimal));
        warnings.addAll(Warnings.statistics(results, optimal, scalability));
        AnalysisFindings findings = new AnalysisFindings(breakingPoint, atLast, degradation, optimal, poolSize, config,
                littlesSummary, generator, warnings, scalability);
        Summary summary = Verdicts.summarize(data, results, findings, validation);
        return new CapacityAnalysis(settings, results, findings, summary);
    }

    private Scalability scalability(List<PlannedScenario> planned, List<ScenarioMetrics> ranMetrics,
            OptimalConcurrency optimal, BreakingPoint breakingPoint) {
        List<Integer> planUsers = planned.stream().map(scenario -> scenario.spec().users()).toList();
        List<ScenarioRun> completed = planned.stream()
                .filter(scenario -> scenario.run() != null && scenario.run().status() == ScenarioStatus.COMPLETED)
                .map(PlannedScenario::run)
                .toList();
        Map<String, ScenarioMetrics> metricsByScenario = new HashMap<>();
        ranMetrics.forEach(metrics -> metricsByScenario.put(metrics.scenario(), metrics));
        return ScalabilityAnalyzer.analyze(planUsers, completed, metricsByScenario, ranMetrics, optimal, breakingPoint,
                settings);
    }

    private List<ScoredScenario> score(List<ScenarioMetrics> metrics) {
        double best = StabilityScorer.bestThroughputPerUser(metrics);
        return metrics.stream().map(m -> new ScoredScenario(m, scorer.score(m, best))).toList();
    }

    private OptimalConcurrency findOptimal(List<PlannedScenario> planned, List<ScoredScenario> scored,
            int breakingIndex) {
        OptimalConcurrency best = null;
        for (int index = 0; index < scored.size() && index < breakingIndex; index++) {
            ScoredScenario candidate = scored.get(index);
            if (!completed(planned, candidate.metrics().scenario()) || !ProductionTargets.met(candidate, settings)) {
                continue;
            }
            double throughput = candidate.metrics().throughputSteadyRps();
            boolean better = best == null || throughput > best.throughputSteadyRps()
                    || (throughput == best.throughputSteadyRps() && candidate.metrics().users() < best.users());
            if (better) {
                best = new OptimalConcurrency(candidate.metrics().scenario(), candidate.metrics().users(), throughput);
            }
        }
        return best;
    }

    private static boolean completed(List<PlannedScenario> planned, String name) {
        return planned.stream().anyMatch(p -> p.spec().name().equals(name) && p.run() != null
                && p.run().status() == ScenarioStatus.COMPLETED);
    }

    private static int indexOf(List<ScoredScenario> scored, String name) {
        for (int index = 0; index < scored.size(); index++) {
            if (scored.get(index).metrics().scenario().equals(name)) {
                return index;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static ScenarioMetrics metricsOf(List<ScoredScenario> scored, String name) {
        return scored.get(indexOf(scored, name)).metrics();
    }

    private LittlesLawSummary summarize(List<ScenarioMetrics> metrics, List<LittlesLawCheck> checks) {
        List<String> failed = new ArrayList<>();
        int checked = 0;
        for (int index = 0; index < checks.size(); index++) {
            CheckStatus status = checks.get(index).status();
            if (status != CheckStatus.NOT_RUN) {
                checked++;
            }
            if (status == CheckStatus.WARNING) {
                failed.add(metrics.get(index).scenario());
            }
        }
        CheckStatus status = !failed.isEmpty() ? CheckStatus.WARNING
                : checked == 0 ? CheckStatus.NOT_RUN : CheckStatus.PASSED;
        return new LittlesLawSummary(status, settings.littlesLawTolerancePercent(), checked, failed);
    }

    /** A scenario of the plan with its run data; {@code run} is {@code null} when the data lacks it. */
    record PlannedScenario(ScenarioSpec spec, ScenarioRun run) {

        boolean ran() {
            return run != null && run.status() != ScenarioStatus.SKIPPED;
        }

        /** Pairs the plan's scenarios with the run's, in plan order; extra runs follow, with a warning. */
        static List<PlannedScenario> match(RunData data, List<String> warnings) {
            List<PlannedScenario> planned = new ArrayList<>();
            List<ScenarioSpec> specs = data.plan() == null
                    ? data.scenarios().stream().map(ScenarioRun::spec).toList()
                    : data.plan().scenarios();
            for (ScenarioSpec spec : specs) {
                planned.add(new PlannedScenario(spec, data.scenario(spec.name()).orElse(null)));
            }
            for (ScenarioRun run : data.scenarios()) {
                if (planned.stream().noneMatch(p -> p.spec().name().equals(run.name()))) {
                    warnings.add("The run data has scenario " + run.name() + ", which the plan does not list; it is "
                            + "analysed after the planned ones.");
                    planned.add(new PlannedScenario(run.spec(), run));
                }
            }
            return planned;
        }
    }
}
