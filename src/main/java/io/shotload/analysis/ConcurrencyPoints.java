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
 * <p>Each point also carries its in-service concurrency, the mean number of requests inside the
 * service. With think time, or the load generator's own gap between a response and the next request,
 * fewer requests are in the service than there are users, and the service's own scalability
 * coefficients refer to this figure. By Little's law it is the capture time spent per second: the
 * capture durations that the target reported in {@code Server-Timing}, summed over the window and divided
 * by its length. For a target that reports none, it is completions per second x mean response time,
 * which counts the network and client part of each response too and so reads a few percent high when
 * captures are short.
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
     */
    record Point(String source, String scenario, double users, double throughputRps, double seconds,
            Double inServiceConcurrency) {}

    /**
     * Collects the points of the completed scenarios.
     *
     * @param completedRuns the scenarios that completed, in plan order
     * @param metricsByScenario their metrics by scenario name
     */
    static List<Point> collect(List<ScenarioRun> completedRuns, Map<String, ScenarioMetrics> metricsByScenario) {
        List<Point> points = new ArrayList<>();
        Map<Integer, double[]> rampByUsers = new TreeMap<>();
        for (ScenarioRun run : completedRuns) {
            ScenarioMetrics metrics = metricsByScenario.get(run.name());
            if (metrics != null && metrics.throughputSteadyRps() != null && metrics.steadyWindowSeconds() >= 1) {
                Double inService = metrics.capturesInServiceSteady() != null
                        ? metrics.capturesInServiceSteady()
                        : metrics.completionsSteadyRps() == null || metrics.avgResponseTimeSteadyMs() == null
                                ? null
                                : metrics.completionsSteadyRps() * metrics.avgResponseTimeSteadyMs() / MILLIS_PER_SECOND;
                points.add(new Point(STEADY, run.name(), run.spec().users(), metrics.throughputSteadyRps(),
                        metrics.steadyWindowSeconds(), inService));
            }
            addRampSeconds(run, rampByUsers);
        }
        for (Map.Entry<Integer, double[]> level : rampByUsers.entrySet()) {
            double successes = level.getValue()[0];
            double seconds = level.getValue()[1];
            double busyMillis = level.getValue()[3] > 0 ? level.getValue()[4] : level.getValue()[2];
            points.add(new Point(RAMP, null, level.getKey(), successes / seconds, seconds,
                    busyMillis / MILLIS_PER_SECOND / seconds));
        }
        return points;
    }

    /**
     * Adds each whole ramp-up second to {@code rampByUsers}: {successes, seconds, response milliseconds,
     * seconds with server capture times, server capture milliseconds} per active users.
     */
    private static void addRampSeconds(ScenarioRun run, Map<Integer, double[]> rampByUsers) {
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
            double[] sums = rampByUsers.computeIfAbsent(sample.activeUsers(), users -> new double[5]);
            sums[0] += Math.max(0, sample.successes());
            sums[1]++;
            if (sample.meanMillis() != null && Double.isFinite(sample.meanMillis())) {
                sums[2] += sample.meanMillis() * Math.max(0, sample.requests());
            }
            if (sample.serverCaptureMillis() != null && Double.isFinite(sample.serverCaptureMillis())) {
                sums[3]++;
                sums[4] += sample.serverCaptureMillis();
            }
        }
    }
}
