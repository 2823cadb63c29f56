package io.shotload.analysis;

/**
 * What one scenario measured, computed by {@link ScenarioMetricsCalculator}. A field is {@code null}
 * when its inputs are missing, such as response times of a scenario with no responses; no field is
 * ever NaN or infinite.
 *
 * <p>Windows: the whole window runs from the scenario's start to its end. The steady window contains the
 * per-second samples that start at or after start + ramp-up; each sample covers one second. MB means
 * 1,048,576 bytes.
 *
 * @param scenario the scenario's name
 * @param users planned concurrent users
 * @param thinkTimeMs planned pause after each response
 * @param windowSeconds the whole window's measured length
 * @param steadyWindowSeconds the length of the steady window, from the end of the ramp-up to the scenario's end
 * @param totalRequests responses recorded, successful or not
 * @param successfulRequests responses that passed every check
 * @param failedRequests {@code totalRequests - successfulRequests}
 * @param errorRatePercent {@code 100 x failedRequests / totalRequests}
 * @param avgResponseTimeMs mean of all response times, from the histogram of all responses
 * @param maxResponseTimeMs slowest response
 * @param p50ResponseTimeMs median response time; HdrHistogram values are exact to 3 significant digits
 * @param p75ResponseTimeMs 75th percentile
 * @param p95ResponseTimeMs 95th percentile
 * @param p99ResponseTimeMs 99th percentile
 * @param throughputSteadyRps successful responses per second over the steady window
 * @param throughputAllWindowRps successful responses per second over the whole window
 * @param completionsSteadyRps all responses per second over the steady window, failures included
 * @param avgResponseTimeSteadyMs mean response time over the steady window, from the per-second samples
 * @param apdex Apdex score against {@link AnalysisSettings#apdexThresholdMs()}; failures count as frustrated
 * @param targetSamples target {@code /metrics} scrapes inside the whole window
 * @param peakMemoryMb highest resident memory of the target inside the whole window
 * @param memoryGrowthMbPerMinute least-squares slope of resident memory over the steady window
 * @param peakBrowsers most browsers the target reported inside the whole window
 * @param memoryPerBrowserMb resident memory divided by browsers, at the scrape with the peak memory
 * @param capturesInServiceSteady the mean number of captures in progress in the target over the steady
 *     window, by Little's law: the capture durations the target reported in {@code Server-Timing}, summed
 *     and divided by the window's length; {@code null} when the target reports none
 */
public record ScenarioMetrics(
        String scenario,
        int users,
        long thinkTimeMs,
        Double windowSeconds,
        double steadyWindowSeconds,
        long totalRequests,
        long successfulRequests,
        long failedRequests,
        Double errorRatePercent,
        Double avgResponseTimeMs,
        Long maxResponseTimeMs,
        Long p50ResponseTimeMs,
        Long p75ResponseTimeMs,
        Long p95ResponseTimeMs,
        Long p99ResponseTimeMs,
        Double throughputSteadyRps,
        Double throughputAllWindowRps,
        Double completionsSteadyRps,
        Double avgResponseTimeSteadyMs,
        Double apdex,
        int targetSamples,
        Double peakMemoryMb,
        Double memoryGrowthMbPerMinute,
        Double peakBrowsers,
        Double memoryPerBrowserMb,
        Double capturesInServiceSteady) {

    /** Returns whether the scenario recorded any response. */
    public boolean hasResponses() {
        return totalRequests > 0;
    }
}
