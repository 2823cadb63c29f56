package io.shotload.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of a planned scenario. */
public enum ScenarioStatus {
    /** Ran for its whole planned window. */
    @JsonProperty("completed")
    COMPLETED,
    /** Never started, because an earlier scenario crossed the breaking point or the run was stopped. */
    @JsonProperty("skipped")
    SKIPPED,
    /** Started but was cut short, for example because the target became unreachable. */
    @JsonProperty("aborted")
    ABORTED
}
