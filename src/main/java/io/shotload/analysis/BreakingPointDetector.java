package io.shotload.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the breaking point: the first scenario, in plan order, that crosses any of these rules.
 * <ol>
 *   <li>It recorded no responses at all.</li>
 *   <li>Its error rate is above {@link AnalysisSettings#maxErrorRatePercent()} (20% by default).</li>
 *   <li>Its average response time is above {@link AnalysisSettings#maxAvgResponseMs()} (8000 ms).</li>
 *   <li>Its stability score is below {@link AnalysisSettings#minStability()} (0.3).</li>
 *   <li>Compared with the previous scenario that recorded responses, its steady throughput fell by more
 *       than {@link AnalysisSettings#degradationTolerancePercent()} (5%) while its average response time
 *       rose by more than the same tolerance. More users getting less work done more slowly is
 *       retrograde scaling: the service spends its capacity on contention.</li>
 * </ol>
 * The tolerance keeps second-to-second noise of a few percent from counting as a fall or a rise. A
 * rule whose inputs are missing (no steady samples, no response times) is not applied.
 */
public final class BreakingPointDetector {

    private final AnalysisSettings settings;

    public BreakingPointDetector(AnalysisSettings settings) {
        this.settings = settings;
    }

    /**
     * Returns the first scenario that crosses a rule, or empty.
     *
     * @param ranScenarios the scenarios that ran (completed or aborted), in plan order
     */
    public Optional<BreakingPoint> detect(List<ScoredScenario> ranScenarios) {
        ScenarioMetrics previous = null;
        for (ScoredScenario scored : ranScenarios) {
            List<String> reasons = reasons(scored, previous);
            if (!reasons.isEmpty()) {
                return Optional.of(new BreakingPoint(scored.metrics().scenario(), scored.metrics().users(), reasons));
            }
            previous = scored.metrics();
        }
        return Optional.empty();
    }

    /** Lists the rules that {@code scored} crosses, given the previous scenario that recorded responses. */
    public List<String> reasons(ScoredScenario scored, ScenarioMetrics previous) {
        ScenarioMetrics metrics = scored.metrics();
        List<String> reasons = new ArrayList<>();
        if (!metrics.hasResponses()) {
            reasons.add("no responses were recorded");
            return reasons;
        }
        if (metrics.errorRatePercent() != null && metrics.errorRatePercent() > settings.maxErrorRatePercent()) {
            reasons.add(String.format(Locale.ROOT, "error rate %.1f%% is above the %s%% limit",
                    metrics.errorRatePercent(), Setting.format(settings.maxErrorRatePercent())));
        }
        if (metrics.avgResponseTimeMs() != null && metrics.avgResponseTimeMs() > settings.maxAvgResponseMs()) {
            reasons.add(String.format(Locale.ROOT, "average response time %.0f ms is above the %s ms limit",
                    metrics.avgResponseTimeMs(), Setting.format(settings.maxAvgResponseMs())));
        }
        if (scored.stability().score() < settings.minStability()) {
            reasons.add(String.format(Locale.ROOT, "stability %.2f is below the %s minimum",
                    scored.stability().score(), Setting.format(settings.minStability())));
        }
        if (previous != null && fellWhileSlowing(metrics, previous)) {
            reasons.add(String.format(Locale.ROOT,
                    "throughput fell from %.2f to %.2f successes/s while the average response time rose from "
                            + "%.0f to %.0f ms (against %s at %d users)",
                    previous.throughputSteadyRps(), metrics.throughputSteadyRps(), previous.avgResponseTimeMs(),
                    metrics.avgResponseTimeMs(), previous.scenario(), previous.users()));
        }
        return reasons;
    }

    private boolean fellWhileSlowing(ScenarioMetrics current, ScenarioMetrics previous) {
        if (current.throughputSteadyRps() == null || previous.throughputSteadyRps() == null
                || current.avgResponseTimeMs() == null || previous.avgResponseTimeMs() == null) {
            return false;
        }
        double tolerance = settings.degradationTolerancePercent() / 100.0;
        boolean throughputFell = current.throughputSteadyRps() < previous.throughputSteadyRps() * (1 - tolerance);
        boolean latencyRose = current.avgResponseTimeMs() > previous.avgResponseTimeMs() * (1 + tolerance);
        return throughputFell && latencyRose;
    }
}
