package io.shotload.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of one check of the analysis. */
public enum CheckStatus {
    @JsonProperty("passed")
    PASSED,
    /** The check found a problem that makes the verdict less certain but still usable. */
    @JsonProperty("warning")
    WARNING,
    /** The check found a problem that makes a verdict impossible. */
    @JsonProperty("failed")
    FAILED,
    /** The data needed for the check was missing or too short. */
    @JsonProperty("not_run")
    NOT_RUN
}
