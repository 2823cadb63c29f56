package io.shotload.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StabilityScorerTest {

    private static final double TOLERANCE = 1e-9;
    private final StabilityScorer scorer = new StabilityScorer(AnalysisSettings.defaults());

    @Test
    void componentsFollowFormula() {
        // 10% errors against a 20% budget, Apdex 0.8, half the best per-user throughput, p95/p50 = 3.5.
        ScenarioMetrics metrics = metrics(10, 1.0, 0.8, 200L, 700L, 100);

        StabilityScore score = scorer.score(metrics, 0.04);

        assertThat(score.errorComponent()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(score.latencyComponent()).isCloseTo(0.8, within(TOLERANCE));
        assertThat(score.throughputComponent()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(score.spreadComponent()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(score.score()).isCloseTo(0.35 * 0.5 + 0.30 * 0.8 + 0.20 * 0.5 + 0.15 * 0.5, within(TOLERANCE));
        assertThat(score.insufficientData()).isFalse();
    }

    @Test
    void weightsSumToOne() {
        double sum = StabilityScorer.ERROR_WEIGHT + StabilityScorer.LATENCY_WEIGHT + StabilityScorer.THROUGHPUT_WEIGHT
                + StabilityScorer.SPREAD_WEIGHT;

        assertThat(sum).isCloseTo(1.0, within(TOLERANCE));
    }

    @Test
    void perfectScenarioScoresOne() {
        StabilityScore score = scorer.score(metrics(0, 2.0, 1.0, 100L, 100L, 100), 0.02);

        assertThat(score.score()).isCloseTo(1.0, within(TOLERANCE));
    }

    @Test
    void componentsClampToUnitRange() {
        // 50% errors is past the budget; a p95/p50 of 10 is past the spread limit.
        StabilityScore score = scorer.score(metrics(50, 4.0, 0.2, 100L, 1000L, 100), 0.02);

        assertThat(score.errorComponent()).isZero();
        assertThat(score.spreadComponent()).isZero();
        assertThat(score.throughputComponent()).isEqualTo(1.0);
    }

    @Test
    void noResponsesScoresZero() {
        StabilityScore score = scorer.score(metrics(null, null, null, null, null, 0), 0.02);

        assertThat(score).isEqualTo(StabilityScore.NO_DATA);
    }

    @Test
    void missingInputsScoreZeroParts() {
        StabilityScore score = scorer.score(metrics(0, null, 1.0, null, null, 100), 0.02);

        assertThat(score.throughputComponent()).isZero();
        assertThat(score.spreadComponent()).isZero();
        assertThat(score.score()).isCloseTo(0.35 + 0.30, within(TOLERANCE));
    }

    @Test
    void zeroBestThroughputScoresZeroPart() {
        StabilityScore score = scorer.score(metrics(0, 0.0, 1.0, 100L, 100L, 100), 0);

        assertThat(score.throughputComponent()).isZero();
    }

    /** Builds metrics for 50 users with the given error rate, steady throughput, Apdex and percentiles. */
    private static ScenarioMetrics metrics(Integer errorRatePercent, Double throughputRps, Double apdex, Long p50,
            Long p95, long requests) {
        return new ScenarioMetrics("s", 50, 1000, 60.0, 60, requests, requests, 0,
                errorRatePercent == null ? null : errorRatePercent.doubleValue(), p50 == null ? null : 500.0,
                p95, p50, p50, p95, p95, throughputRps, throughputRps, throughputRps, 500.0, apdex, 0, null, null,
                null, null, null, null, null, null);
    }
}
