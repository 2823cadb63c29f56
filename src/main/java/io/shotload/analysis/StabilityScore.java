package io.shotload.analysis;

/**
 * A scenario's stability score and its four parts, each in [0, 1]; {@link StabilityScorer} defines them.
 *
 * @param score the weighted sum of the parts
 * @param errorComponent how far the error rate stays below the breaking limit
 * @param latencyComponent the Apdex score
 * @param throughputComponent throughput per user against the best scenario's
 * @param spreadComponent how close p95 stays to p50
 * @param insufficientData true when the scenario recorded no responses, so every part is 0
 */
public record StabilityScore(
        double score,
        double errorComponent,
        double latencyComponent,
        double throughputComponent,
        double spreadComponent,
        boolean insufficientData) {

    /** The score of a scenario with no responses: nothing shows that it was stable. */
    public static final StabilityScore NO_DATA = new StabilityScore(0, 0, 0, 0, 0, true);
}
