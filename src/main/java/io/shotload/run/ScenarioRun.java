package io.shotload.run;

import io.shotload.plan.ScenarioSpec;
import java.util.List;
import java.util.Map;

/**
 * Everything the load generator recorded for one scenario.
 *
 * <p>Response times are Gatling's: from the request's first byte sent to the response's last byte
 * received, in milliseconds. A request that got no response (connection refused, timeout) counts as
 * a failure with status {@code "0"}.
 *
 * @param spec the scenario as planned
 * @param status how it ended
 * @param skipReason why it was skipped or aborted; {@code null} when completed
 * @param startedAtEpochMillis when its first user started; {@code null} when skipped
 * @param endedAtEpochMillis when its last user finished; {@code null} when skipped
 * @param requests responses recorded, successful or not
 * @param successes responses that passed every check (HTTP 200, image content type, signature, size)
 * @param failures {@code requests - successes}
 * @param statusCounts responses by HTTP status code as a string, {@code "0"} for no response
 * @param failureMessages the first failure message of each kind with its count, at most 20 kinds
 * @param responseBytesTotal the summed body sizes of all responses
 * @param responseTimeHistogram all response times in ms, as a compressed HdrHistogram in Base64
 * @param successResponseTimeHistogram response times of successes only, in the same encoding
 * @param seconds one sample per wall-clock second of the scenario's window
 */
public record ScenarioRun(
        ScenarioSpec spec,
        ScenarioStatus status,
        String skipReason,
        Long startedAtEpochMillis,
        Long endedAtEpochMillis,
        long requests,
        long successes,
        long failures,
        Map<String, Long> statusCounts,
        Map<String, Long> failureMessages,
        long responseBytesTotal,
        String responseTimeHistogram,
        String successResponseTimeHistogram,
        List<SecondSample> seconds) {

    public ScenarioRun {
        statusCounts = statusCounts == null ? Map.of() : Map.copyOf(statusCounts);
        failureMessages = failureMessages == null ? Map.of() : Map.copyOf(failureMessages);
        seconds = seconds == null ? List.of() : List.copyOf(seconds);
    }

    public String name() {
        return spec.name();
    }

    /** Returns a scenario that never ran, with the reason. */
    public static ScenarioRun skipped(ScenarioSpec spec, String reason) {
        return new ScenarioRun(spec, ScenarioStatus.SKIPPED, reason, null, null, 0, 0, 0,
                Map.of(), Map.of(), 0, null, null, List.of());
    }
}
