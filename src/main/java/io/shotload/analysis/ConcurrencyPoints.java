package io.shotload.analysis;

import io.shotload.run.ScenarioRun;
import io.shotload.run.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the (concurrency, throughput) points to which the scalability model is fitted.
 *
 * <p>Two kinds of point, each weighted by the seconds it covers:
 * <ul>
 *   <li>{@code steady}: one per completed scenario, N = planned users, X = steady successful throughput
 *       ({@link ScenarioMetrics#throughputSteadyRps()}), weight = steady window length in s.</li>
 *   <li>{@code ramp}: the per-second samples that lie wholly inside a ramp-up, grouped by their active
 *       users across all scenarios, N = active users, X = mean successes per second of the group,
 *       weight = number of seconds in the group. Seconds with no active user are left out.</li>
 * </ul>
 * The default plan (1, 3, 6, 10 and 15 users, ramps of 10 to 30 s) yields every whole N from 1 to 15.
 *
 * <p>Each point also carries the concurrency inside the service and the throughput at it, for the fit
 * of the service's own coefficients. With think time, or the load generator's own gap between a response
 * and the next request, fewer requests are in the service than there are users. From the capture
 * durations that the target reports in {@code Server-Timing}, each capture placed over the time it ran,
 * come two figures: the time average of the captures running ({@code inServiceConcurrency}), and the
 * captures running when a capture started, itself included, averaged over the captures
 * ({@code serviceConcurrency}), which is the concurrency at which the capture times were measured. The
 * fit uses the latter, with the throughput that this concurrency sustains at the measured capture time per
 * success (Little's law), which has none of the edge effects of counting responses in a short window.
 * For a target that reports no capture times, both concurrencies are completions per second x mean
 * response time, which counts the network and client part of each response too and so reads a few
 * percent high when captures are short. The throughput is then the count of successes.
 *
 * <p>NOTE: a sample's active users are counted at the end of its second, and a user that joined during
 * the second has had less than a second to complete anything. In a real run, ramp points therefore read
 * somewhat low, most at small N where one user is a large share. The steady points carry most weight.
 */
final class ConcurrencyPoints {

    /** Source of a steady-window point. */
    static final String STEADY = "steady";
    /** Source of a point averaged over ramp-up seconds. */
    static final String RAMP = "ramp";

    private static final long MILLIS_PER_SECOND = 1000;

    private ConcurrencyPoints() {}

    /**
     * One point for the fit.
     *
     * @param source {@value #STEADY} or {@value #RAMP}
     * @param scenario the scenario of a steady point; {@code null} for a ramp point, which may pool several
     * @param users concurrency N
     * @param throughputRps successful responses per second
     * @param seconds the seconds measured, which is the point's weight
     * @param inServiceConcurrency requests in the service on average; {@code null} without response times
     * @param serviceConcurrency requests running in the service when a request started, itself included, on
     *     average; {@code null} as above
     * @param serviceThroughputRps successful responses per second at {@code serviceConcurrency}
     */
    record Point(String source, String scenario, double users, double throughputRps, double seconds,
            Double inServiceConcurrency, Double serviceConcurrency, double serviceThroughputRps) {}

    /**
     * Collects the points of the completed scenarios.
     *
     * @param completedRuns the scenarios that completed, in plan order
     * @param metricsByScenario their metrics by scenario name
     */
    static List<Point> collect(List<ScenarioRun> completedRuns, Map<String, ScenarioMetrics> metricsByScenario) {
        List<Point> points = new ArrayList<>();
        Map<Integer, RampLevel> rampByUsers = new TreeMap<>();
        for (ScenarioRun run : completedRuns) {
            ScenarioMetrics metrics = metricsByScenario.get(run.name());
            if (metrics != null && metrics.throughputSteadyRps() != null && metrics.steadyWindowSeconds() >= 1) {
                boolean reported = metrics.capturesInServiceSteady() != null
                        && metrics.serviceConcurrencySteady() != null
                        && metrics.serviceThroughputSteadyRps() != null;
                Double inService = reported
                        ? metrics.capturesInServiceSteady()
                        : metrics.completionsSteadyRps() == null || metrics.avgResponseTimeSteadyMs() == null
                                ? null
                                : metrics.completionsSteadyRps() * metrics.avgResponseTimeSteadyMs() / MILLIS_PER_SECOND;
                points.add(new Point(STEADY, run.name(), run.spec().users(), metrics.throughputSteadyRps(),
                        metrics.steadyWindowSeconds(), inService,
                        reported ? metrics.serviceConcurrencySteady() : inService,
                        reported ? metrics.serviceThroughputSteadyRps() : metrics.throughputSteadyRps()));
            }
            addRampSeconds(run, rampByUsers);
        }
        for (Map.Entry<Integer, RampLevel> entry : rampByUsers.entrySet()) {
            RampLevel level = entry.getValue();
            double seconds = level.seconds;
            boolean reported = level.secondsWithCaptureTimes == seconds && level.startedCaptures > 0
                    && level.startedCaptureMillis > 0;
            double busyMillis = reported ? level.captureBusyMillis : level.responseMillis;
            double inService = busyMillis / MILLIS_PER_SECOND / seconds;
            double serviceConcurrency = reported ? level.startedCaptureConcurrency / level.startedCaptures : inService;
            double successesPerCaptureSecond =
                    level.startedCaptureSuccesses / (level.startedCaptureMillis / MILLIS_PER_SECOND);
            double serviceThroughput = reported
                    ? serviceConcurrency * successesPerCaptureSecond
                    : level.successes / seconds;
            points.add(new Point(RAMP, null, entry.getKey(), level.successes / seconds, seconds, inService,
                    serviceConcurrency, serviceThroughput));
        }
        return points;
    }

    /** The ramp-up seconds at one number of active users, summed over all scenarios. */
    private static final class RampLevel {
        double successes;
        double seconds;
        double responseMillis;
        double secondsWithCaptureTimes;
        double captureBusyMillis;
        double startedCaptures;
        double startedCaptureConcurrency;
        double startedCaptureMillis;
        double startedCaptureSuccesses;
    }

    /** Adds each whole ramp-up second to the level of its active users in {@code rampByUsers}. */
    private static void addRampSeconds(ScenarioRun run, Map<Integer, RampLevel> rampByUsers) {
        if (run.spec().rampUpSeconds() <= 0 || run.seconds().isEmpty()) {
            return;
        }
        long start = run.startedAtEpochMillis() != null
                ? run.startedAtEpochMillis()
                : run.seconds().get(0).startEpochMillis();
        long steadyStart = start + run.spec().rampUpSeconds() * MILLIS_PER_SECOND;
        for (SecondSample sample : run.seconds()) {
            boolean wholeInRamp = sample.startEpochMillis() >= start
                    && sample.startEpochMillis() + MILLIS_PER_SECOND <= steadyStart;
            if (!wholeInRamp || sample.activeUsers() <= 0) {
                continue;
            }
            RampLevel level = rampByUsers.computeIfAbsent(sample.activeUsers(), users -> new RampLevel());
            level.successes += Math.max(0, sample.successes());
            level.seconds++;
            if (sample.meanMillis() != null && Double.isFinite(sample.meanMillis())) {
                level.responseMillis += sample.meanMillis() * Math.max(0, sample.requests());
            }
            if (sample.hasCaptureTimes()) {
                level.secondsWithCaptureTimes++;
                level.captureBusyMillis += sample.captureBusyMillis();
                level.startedCaptures += sample.startedCaptures();
                level.startedCaptureConcurrency += sample.startedCaptureConcurrency();
                level.startedCaptureMillis += sample.startedCaptureMillis();
                level.startedCaptureSuccesses += sample.startedCaptureSuccesses();
            }
        }
    }
}
