package io.shotload.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One pass/fail criterion of one scenario, as shown in the results and as a JUnit test case.
 *
 * @param criterion one of {@link #ERROR_RATE}, {@link #LATENCY}, {@link #STABILITY}, {@link #BREAKING_POINT},
 *     or {@link #COMPLETED} for a scenario that was aborted
 * @param outcome passed, failed, or skipped for a scenario that did not run
 * @param message the measured value, the limit and, where it applies, the production target
 */
public record CriterionResult(String criterion, Outcome outcome, String message) {

    public static final String ERROR_RATE = "error_rate";
    public static final String LATENCY = "latency";
    public static final String STABILITY = "stability";
    public static final String BREAKING_POINT = "breaking_point";
    /** Present only for aborted scenarios, which fail it. */
    public static final String COMPLETED = "completed";

    public enum Outcome {
        @JsonProperty("passed")
        PASSED,
        @JsonProperty("failed")
        FAILED,
        @JsonProperty("skipped")
        SKIPPED
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
