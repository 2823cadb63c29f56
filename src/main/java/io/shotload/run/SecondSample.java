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
 * @param captureBusyMillis the capture time in progress in the target during the second, summed over
 *     captures: 1000 times the mean number of captures running. Each capture counts over its last
 *     {@code capture;dur=} milliseconds before its response arrived, as the target reported them in its
 *     {@code Server-Timing} header, whichever second its response completed in. {@code null} when no
 *     response of the scenario reported a capture time.
 * @param startedCaptures how many captures started in the second; {@code null} as for {@code captureBusyMillis}
 * @param startedCaptureConcurrency for the captures that started in the second, the summed number of
 *     captures running in the target when each started, itself included; {@code null} as for
 *     {@code captureBusyMillis}
 * @param startedCaptureMillis the summed reported durations of the captures that started in the second;
 *     {@code null} as for {@code captureBusyMillis}
 * @param startedCaptureSuccesses how many of the captures that started in the second had a response that
 *     passed every check; {@code null} as for {@code captureBusyMillis}
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
        Double captureBusyMillis,
        Long startedCaptures,
        Double startedCaptureConcurrency,
        Double startedCaptureMillis,
        Long startedCaptureSuccesses) {

    /** Creates a sample without server-reported capture times. */
    public SecondSample(long startEpochMillis, int activeUsers, long requests, long successes, long failures,
            Double meanMillis, Long p50Millis, Long p95Millis, Long p99Millis, Long maxMillis) {
        this(startEpochMillis, activeUsers, requests, successes, failures, meanMillis, p50Millis, p95Millis, p99Millis,
                maxMillis, null, null, null, null, null);
    }

    /** Returns whether the target reported capture times for the scenario of this sample. */
    public boolean hasCaptureTimes() {
        return captureBusyMillis != null && startedCaptures != null && startedCaptureConcurrency != null
                && startedCaptureMillis != null && startedCaptureSuccesses != null;
    }

    /** Returns a copy with the given capture times. */
    public SecondSample withCaptureTimes(double busyMillis, long started, double startedConcurrency,
            double startedMillis, long startedSuccesses) {
        return new SecondSample(startEpochMillis, activeUsers, requests, successes, failures, meanMillis, p50Millis,
                p95Millis, p99Millis, maxMillis, busyMillis, started, startedConcurrency, startedMillis,
                startedSuccesses);
    }
}
