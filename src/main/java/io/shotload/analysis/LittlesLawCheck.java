package io.shotload.analysis;

/**
 * Checks that a closed-model scenario's numbers add up, by Little's law: N = X (R + Z), with N the
 * planned users, X all completed responses per second (failures included), R the mean response time
 * and Z the think time, all over the steady window. This is L = lambda W applied to a closed model, where
 * each user is either waiting for a response or thinking.
 *
 * <p>A gap larger than {@link AnalysisSettings#littlesLawTolerancePercent()} (15% by default) means the
 * recorder or the generator did not run the plan as written: users that never started, pauses that ran
 * long because the generator was saturated, or samples lost. The check needs at least
 * {@value #MIN_CYCLES_PER_USER} request cycles per user in the steady window, because requests still in
 * flight at the window's edges skew a short window by up to one cycle per user.
 *
 * @param status passed, warning (gap above tolerance) or not_run (too little data)
 * @param plannedUsers N
 * @param computedUsers X (R + Z); {@code null} when not computed
 * @param deviationPercent {@code 100 x |computed - planned| / planned}; {@code null} when not computed
 * @param tolerancePercent the tolerance used
 * @param message one sentence for the report
 */
public record LittlesLawCheck(
        CheckStatus status,
        int plannedUsers,
        Double computedUsers,
        Double deviationPercent,
        double tolerancePercent,
        String message) {

    /** Minimum request cycles (response + think time) per user that the steady window must contain. */
    public static final int MIN_CYCLES_PER_USER = 5;

    /** Checks one scenario's metrics. */
    public static LittlesLawCheck check(ScenarioMetrics metrics, double tolerancePercent) {
        int users = metrics.users();
        if (metrics.completionsSteadyRps() == null || metrics.avgResponseTimeSteadyMs() == null
                || metrics.completionsSteadyRps() <= 0) {
            return new LittlesLawCheck(CheckStatus.NOT_RUN, users, null, null, tolerancePercent,
                    "Not checked: no responses completed in the steady window.");
        }
        double cycleSeconds = (metrics.avgResponseTimeSteadyMs() + metrics.thinkTimeMs()) / 1000.0;
        double cycles = metrics.steadyWindowSeconds() / cycleSeconds;
        if (cycles < MIN_CYCLES_PER_USER) {
            return new LittlesLawCheck(CheckStatus.NOT_RUN, users, null, null, tolerancePercent, String.format(
                    java.util.Locale.ROOT,
                    "Not checked: the steady window of %.1f s holds %.1f request cycles of %.2f s per user; "
                            + "at least %d are needed.",
                    metrics.steadyWindowSeconds(), cycles, cycleSeconds, MIN_CYCLES_PER_USER));
        }
        double computed = metrics.completionsSteadyRps() * cycleSeconds;
        double deviation = 100.0 * Math.abs(computed - users) / users;
        boolean within = deviation <= tolerancePercent;
        String message = String.format(java.util.Locale.ROOT,
                "%s: throughput %.2f/s x (response %.0f ms + think %d ms) = %.2f users against %d planned "
                        + "(%.1f%% off, tolerance %.0f%%).",
                within ? "Consistent" : "Inconsistent", metrics.completionsSteadyRps(),
                metrics.avgResponseTimeSteadyMs(), metrics.thinkTimeMs(), computed, users, deviation,
                tolerancePercent);
        return new LittlesLawCheck(within ? CheckStatus.PASSED : CheckStatus.WARNING, users,
                Numbers.round(computed, 3), Numbers.round(deviation, 2), tolerancePercent, message);
    }
}
