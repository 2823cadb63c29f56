package io.shotload.analysis;

import java.util.Collection;
import java.util.Objects;

/**
 * Scores how stable a scenario was, in [0, 1].
 *
 * <p>Design note. The score is a weighted sum of four parts, each mapped to [0, 1]:
 * <pre>
 *   score = 0.35 E + 0.30 L + 0.20 T + 0.15 S
 *   E (errors)     = 1 - errorRatePercent / maxErrorRatePercent      (0 at the breaking limit, 20% by default)
 *   L (latency)    = Apdex_T = (satisfied + tolerating / 2) / total  (satisfied &lt;= T, tolerating &lt;= 4T)
 *   T (throughput) = (X / N) / max over scenarios of (X / N)         (X steady successes/s, N users)
 *   S (spread)     = (K - p95 / p50) / (K - 1), K = {@value #SPREAD_RATIO_AT_ZERO}
 * </pre>
 * Each part is clamped to [0, 1]. Errors weigh most, because a failed screenshot is worse than a slow
 * one. Spread weighs least, because a long tail alone does not break a service.
 *
 * <p>Throughput is compared per user, not in total: in a closed model a scenario with fewer users
 * sends less load by design, so total throughput would mark every light scenario unstable. Per-user
 * throughput, 1 / (response time + think time) by Little's law, falls only when the service slows
 * down or fails. The best scenario is taken over the scenarios scored together, so a mid-run score uses
 * the scenarios finished so far.
 *
 * <p>Apdex is the Apdex Alliance's index (apdex.org), with T the production target for
 * the average response time (2000 ms by default). A p95/p50 ratio of 1 scores 1 and a ratio of
 * {@value #SPREAD_RATIO_AT_ZERO} or more scores 0.
 *
 * <p>Zero samples and NaN: a scenario with no responses gets {@link StabilityScore#NO_DATA} (score 0,
 * marked as insufficient data). A part whose input is missing (no steady samples for throughput, no
 * percentiles for spread) scores 0 rather than being dropped, so missing data never raises a score.
 * When no scenario has a positive per-user throughput, T is 0 for all.
 */
public final class StabilityScorer {

    public static final double ERROR_WEIGHT = 0.35;
    public static final double LATENCY_WEIGHT = 0.30;
    public static final double THROUGHPUT_WEIGHT = 0.20;
    public static final double SPREAD_WEIGHT = 0.15;
    /** The p95/p50 ratio at which the spread part reaches 0. */
    public static final double SPREAD_RATIO_AT_ZERO = 6.0;

    private final AnalysisSettings settings;

    public StabilityScorer(AnalysisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Returns the best throughput per user among {@code scenarios}, in successes per second per user; 0 when none. */
    public static double bestThroughputPerUser(Collection<ScenarioMetrics> scenarios) {
        return scenarios.stream()
                .mapToDouble(StabilityScorer::throughputPerUser)
                .max()
                .orElse(0);
    }

    /** Scores {@code metrics} against the best per-user throughput of the scenarios scored together. */
    public StabilityScore score(ScenarioMetrics metrics, double bestThroughputPerUser) {
        if (!metrics.hasResponses()) {
            return StabilityScore.NO_DATA;
        }
        double errors = metrics.errorRatePercent() == null ? 0
                : Numbers.clamp01(1 - metrics.errorRatePercent() / settings.maxErrorRatePercent());
        double latency = metrics.apdex() == null ? 0 : Numbers.clamp01(metrics.apdex());
        double throughput = bestThroughputPerUser > 0
                ? Numbers.clamp01(throughputPerUser(metrics) / bestThroughputPerUser)
                : 0;
        double spread = spread(metrics);
        double score = ERROR_WEIGHT * errors + LATENCY_WEIGHT * latency + THROUGHPUT_WEIGHT * throughput
                + SPREAD_WEIGHT * spread;
        return new StabilityScore(Numbers.clamp01(score), errors, latency, throughput, spread, false);
    }

    private static double throughputPerUser(ScenarioMetrics metrics) {
        if (metrics.throughputSteadyRps() == null || metrics.users() <= 0) {
            return 0;
        }
        return metrics.throughputSteadyRps() / metrics.users();
    }

    private static double spread(ScenarioMetrics metrics) {
        if (metrics.p50ResponseTimeMs() == null || metrics.p95ResponseTimeMs() == null
                || metrics.p50ResponseTimeMs() <= 0) {
            return 0;
        }
        double ratio = (double) metrics.p95ResponseTimeMs() / metrics.p50ResponseTimeMs();
        return Numbers.clamp01((SPREAD_RATIO_AT_ZERO - ratio) / (SPREAD_RATIO_AT_ZERO - 1));
    }
}
