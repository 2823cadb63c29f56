package io.shotload.analysis;

/**
 * What one scenario measured, computed by {@link ScenarioMetricsCalculator}. A field is {@code null}
 * when its inputs are missing, such as response times of a scenario with no responses; no field is
 * ever NaN or infinite.
 *
 * <p>Windows: the whole window runs from the scenario's start to its last user's end. The steady window
 * runs from the end of the ramp-up to the end of the planned duration, so it leaves out the last
 * responses that arrive after the users stopped starting new requests. Each per-second sample counts
 * with its share inside the window. MB means 1,048,576 bytes.
 *
 * @param scenario the scenario's name
 * @param users planned concurrent users
 * @param thinkTimeMs planned pause after each response
 * @param windowSeconds the whole window's measured length
 * @param steadyWindowSeconds the length of the steady window, from the end of the ramp-up to the end of the
 *     planned duration, or to the scenario's end when it stopped early
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
 * @param memoryGrowthCi95MbPerMinute half-width of the slope's 95% confidence interval (Student's t on
 *     the regression's residuals); {@code null} together with the slope. Memory that swings from scrape
 *     to scrape makes the slope of a short window uncertain in both directions.
 * @param peakBrowsers most browsers the target reported inside the whole window
 * @param memoryPerBrowserMb resident memory divided by browsers, at the scrape with the peak memory
 * @param capturesInServiceSteady the mean number of captures in progress in the target over the service
 *     window: the capture time in progress there, from the capture durations the target reported in
 *     {@code Server-Timing}, divided by the window's length; {@code null} when the target reports none.
 *     The service window is the steady window, less its first second when the scenario has no ramp-up.
 * @param serviceConcurrencySteady the number of captures running in the target when a capture started,
 *     itself included, averaged over the captures that started in the service window. Unlike
 *     {@code capturesInServiceSteady} it does not fall with the load generator's gaps between a response
 *     and the next request, so it is the concurrency at which the target's capture times were measured.
 *     {@code null} when the target reports no capture times.
 * @param serviceThroughputSteadyRps successful captures per second at that concurrency, by Little's law:
 *     {@code serviceConcurrencySteady} divided by the capture time per success of the captures that
 *     started in the service window. Unlike a count of responses it carries no edge effect at the ends of
 *     a short window. {@code null} when the target reports no capture times.
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
        Double memoryGrowthCi95MbPerMinute,
        Double peakBrowsers,
        Double memoryPerBrowserMb,
        Double capturesInServiceSteady,
        Double serviceConcurrencySteady,
        Double serviceThroughputSteadyRps) {

    /** Returns whether the scenario recorded any response. */
    public boolean hasResponses() {
        return totalRequests > 0;
    }
}
