package io.shotload.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Whether the run is valid enough for a verdict, with the checks behind it.
 *
 * @param status {@code failed} when any check failed, {@code not_run} when the run data contains no
 *     scenario to check, {@code warnings} when any check warned, else {@code passed}
 * @param checks every check, in a fixed order
 */
public record Validation(Status status, List<ValidationCheck> checks) {

    public Validation {
        checks = List.copyOf(checks);
    }

    public enum Status {
        @JsonProperty("passed")
        PASSED,
        @JsonProperty("warnings")
        WARNINGS,
        @JsonProperty("failed")
        FAILED,
        @JsonProperty("not_run")
        NOT_RUN
    }

    /** Derives the status from the checks as described on {@link #status()}. */
    public static Validation of(List<ValidationCheck> checks) {
        Status status;
        if (checks.stream().anyMatch(check -> check.status() == CheckStatus.FAILED)) {
            status = Status.FAILED;
        } else if (checks.stream().anyMatch(check -> check.status() == CheckStatus.WARNING)) {
            status = Status.WARNINGS;
        } else {
            status = Status.PASSED;
        }
        return new Validation(status, checks);
    }

    /** Returns whether a verdict is possible: the status is neither {@code failed} nor {@code not_run}. */
    public boolean allowsVerdict() {
        return status == Status.PASSED || status == Status.WARNINGS;
    }
}
