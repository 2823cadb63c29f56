package io.shotload.stub.admission;

/**
 * The {@code Retry-After} of a 429: the time until the current queue has drained into capture slots.
 *
 * <p>By Little's law the slots complete {@code maxConcurrent / meanCaptureSeconds} captures per second,
 * so the last of {@code queueDepth} waiters gets a slot after about
 * {@code (queueDepth + 1) x meanCaptureSeconds / maxConcurrent} seconds. The estimate is rounded up to
 * whole seconds and kept within {@code 1..defaultTimeoutSeconds}: by the end of the request timeout every
 * request queued now has had its response, a capture or a 504. The mean capture time is an exponentially
 * weighted moving average of observed captures (weight {@link #SMOOTHING} for the newest), starting at
 * {@link #INITIAL_MEAN_CAPTURE_SECONDS} before the first capture ends.
 */
public final class RetryAfterEstimator {

    /** Mean capture time assumed before any capture has finished, in seconds. */
    public static final double INITIAL_MEAN_CAPTURE_SECONDS = 1.0;
    /** Weight of the newest capture in the moving average. */
    public static final double SMOOTHING = 0.05;

    private final long defaultTimeoutSeconds;
    private double meanCaptureSeconds = INITIAL_MEAN_CAPTURE_SECONDS;

    public RetryAfterEstimator(long defaultTimeoutSeconds) {
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    /** Adds one finished capture to the moving average. */
    public synchronized void recordCapture(double captureSeconds) {
        meanCaptureSeconds += SMOOTHING * (captureSeconds - meanCaptureSeconds);
    }

    /** Returns the whole seconds a rejected client should wait, 1..defaultTimeoutSeconds. */
    public synchronized long retryAfterSeconds(int queueDepth, int maxConcurrent) {
        double drainSeconds = (queueDepth + 1) * meanCaptureSeconds / maxConcurrent;
        long seconds = (long) Math.ceil(drainSeconds);
        return Math.max(1, Math.min(defaultTimeoutSeconds, seconds));
    }

    public synchronized double meanCaptureSeconds() {
        return meanCaptureSeconds;
    }
}
