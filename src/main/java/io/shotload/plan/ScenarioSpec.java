package io.shotload.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * One load level of a plan: a closed model of {@code users} virtual users, each sending a request,
 * waiting for the response, then thinking for {@code thinkTimeMillis} before the next one.
 *
 * <p>The ramp-up is counted inside the duration: users start evenly over the first
 * {@code rampUpSeconds}, and every user stops looping once {@code durationSeconds} have passed since
 * the scenario started. Ranges are checked by {@link PlanValidator}, which names the offending field.
 *
 * @param name the scenario's name, also the Gatling group its requests appear under
 * @param users concurrent users once the ramp-up is over
 * @param durationSeconds the scenario's whole window, ramp-up included
 * @param rampUpSeconds how long it takes to start all users; 0 starts them at once
 * @param thinkTimeMillis the pause after each response
 */
public record ScenarioSpec(
        String name,
        int users,
        int durationSeconds,
        int rampUpSeconds,
        @JsonProperty("think_time_ms") long thinkTimeMillis) {

    public Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }

    public Duration rampUp() {
        return Duration.ofSeconds(rampUpSeconds);
    }

    public Duration thinkTime() {
        return Duration.ofMillis(thinkTimeMillis);
    }

    /** Returns the part of the window after the ramp-up, in seconds. */
    public int steadySeconds() {
        return durationSeconds - rampUpSeconds;
    }
}
