package io.shotload.run;

/**
 * The optional open-model validation stage: after the closed-model scenarios, the recommended
 * throughput is offered as a Poisson arrival rate for a fixed time, to see whether the service keeps up
 * when requests do not wait for each other. A closed model slows its own users down when the service
 * slows, which hides slow periods (coordinated omission); an open model does not.
 *
 * @param ran whether the stage sent any load
 * @param reason why it did not run; {@code null} when it ran
 * @param offeredRatePerSecond the arrival rate offered: the recommended throughput, at most the maximum below
 * @param maxArrivalRatePerSecond the rate at which Gatling created candidate arrivals, each admitted
 *     with probability {@code offeredRatePerSecond / maxArrivalRatePerSecond}
 * @param durationSeconds how long arrivals were offered
 * @param arrivals candidate arrivals created by Gatling
 * @param admitted arrivals that sent a request
 * @param scenario the responses of the admitted arrivals; {@code null} when the stage did not run
 */
public record OpenValidationRun(
        boolean ran,
        String reason,
        double offeredRatePerSecond,
        double maxArrivalRatePerSecond,
        int durationSeconds,
        long arrivals,
        long admitted,
        ScenarioRun scenario) {

    /** The name under which the stage's requests appear in Gatling's report and the run data. */
    public static final String SCENARIO_NAME = "open_validation";

    public static OpenValidationRun notRun(String reason, double maxArrivalRatePerSecond, int durationSeconds) {
        return new OpenValidationRun(false, reason, 0, maxArrivalRatePerSecond, durationSeconds, 0, 0, null);
    }
}
