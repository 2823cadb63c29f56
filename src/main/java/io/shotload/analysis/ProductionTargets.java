package io.shotload.analysis;

/**
 * The production targets: stability at least {@link AnalysisSettings#targetStability()} (0.75 by
 * default), error rate below {@link AnalysisSettings#targetErrorRatePercent()} (5%) and average response
 * time below {@link AnalysisSettings#targetAvgResponseMs()} (2000 ms). Only a scenario within all three
 * can set the optimal concurrency.
 */
final class ProductionTargets {

    private ProductionTargets() {}

    /** Returns whether {@code scored} meets every target; a scenario without steady throughput never does. */
    static boolean met(ScoredScenario scored, AnalysisSettings settings) {
        ScenarioMetrics metrics = scored.metrics();
        return metrics.hasResponses()
                && metrics.throughputSteadyRps() != null
                && metrics.errorRatePercent() != null
                && metrics.avgResponseTimeMs() != null
                && scored.stability().score() >= settings.targetStability()
                && metrics.errorRatePercent() < settings.targetErrorRatePercent()
                && metrics.avgResponseTimeMs() < settings.targetAvgResponseMs();
    }
}
