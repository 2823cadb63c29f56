package io.shotload.analysis;

import java.util.List;

/**
 * The run-wide findings, written as {@code analysis} in the results file.
 *
 * @param breakingPoint the first scenario that broke; {@code null} when none did
 * @param breakingPointAtLastScenario whether it is the plan's last scenario, the stress level, where a
 *     breaking point is expected; {@code null} when there is none
 * @param degradation the service broke where it should not: before the last scenario, or at or below
 *     the recommended pool size
 * @param optimal the optimal concurrency; {@code null} when no scenario met the production targets
 * @param recommendedPoolSize ceil(optimal users x headroom); {@code null} without an optimum
 * @param productionConfig the recommended service configuration; {@code null} without an optimum
 * @param littlesLaw Little's law across the scenarios
 * @param generatorSaturation whether the load generator was the bottleneck
 * @param warnings every problem worth a reader's attention, one sentence each
 * @param scalability the Universal Scalability Law fitted over the scenarios, with its cross-check
 *     against the rule-based results; {@code null} only when no scenario ran
 */
public record AnalysisFindings(
        BreakingPoint breakingPoint,
        Boolean breakingPointAtLastScenario,
        boolean degradation,
        OptimalConcurrency optimal,
        Integer recommendedPoolSize,
        ProductionConfig productionConfig,
        LittlesLawSummary littlesLaw,
        GeneratorSaturation generatorSaturation,
        List<String> warnings,
        Scalability scalability) {

    public AnalysisFindings {
        warnings = List.copyOf(warnings);
    }

    /** Returns a copy with {@code scalability} replaced, for a model computed after this analysis. */
    public AnalysisFindings withScalability(Scalability model) {
        return new AnalysisFindings(breakingPoint, breakingPointAtLastScenario, degradation, optimal,
                recommendedPoolSize, productionConfig, littlesLaw, generatorSaturation, warnings, model);
    }
}
