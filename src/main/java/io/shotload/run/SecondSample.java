package io.shotload.run;

/**
 * One scenario's responses in one wall-clock second, as the load generator measured them.
 *
 * <p>Counts are of responses that completed within the second; the percentiles are over those
 * responses' times, in milliseconds, and are {@code null} when none completed.
 *
 * @param startEpochMillis the start of the second
 * @param activeUsers virtual users of the scenario alive at the end of the second
 * @param requests responses completed in the second, successful or not
 * @param successes responses that passed every check
 * @param failures responses that failed a check or never arrived
 * @param meanMillis mean response time of the completed responses
 * @param p50Millis median response time
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis slowest response
 * @param serverCaptureMillis the summed capture durations that the target reported in its
 *     {@code Server-Timing} header ({@code capture;dur=}) for these responses; {@code null} when none did
 */
public record SecondSample(
        long startEpochMillis,
        int activeUsers,
        long requests,
        long successes,
        long failures,
        Double meanMillis,
        Long p50Millis,
        Long p95Millis,
        Long p99Millis,
        Long maxMillis,
        Double serverCaptureMillis) {

    /** Creates a sample without server-reported capture times. */
    public SecondSample(long startEpochMillis, int activeUsers, long requests, long successes, long failures,
            Double meanMillis, Long p50Millis, Long p95Millis, Long p99Millis, Long maxMillis) {
        this(startEpochMillis, activeUsers, requests, successes, failures, meanMillis, p50Millis, p95Millis, p99Millis,
                maxMillis, null);
    }
}
