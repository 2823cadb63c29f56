package io.shotload.stub.metrics;

import io.shotload.stub.config.MonitoringConfig;
import io.shotload.stub.timer.LatenessTimer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a warning when, over one {@link #WINDOW}, the {@code /screenshot} error rate (status 429 or 5xx)
 * or the mean response time exceeds the thresholds of the {@code monitoring} section. At most one
 * warning per threshold and window is logged, and none for a window without responses.
 */
public final class PerformanceMonitor implements AutoCloseable {

    /** Length of one evaluation window. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceMonitor.class);

    private final MonitoringConfig config;
    private final LatenessTimer timer;
    private long responses;
    private long errors;
    private long responseNanosSum;
    private volatile ScheduledFuture<?> nextCheck;
    private volatile boolean closed;

    public PerformanceMonitor(MonitoringConfig config, LatenessTimer timer) {
        this.config = config;
        this.timer = timer;
        if (config.enablePerformanceMonitoring()) {
            scheduleNextCheck();
        }
    }

    /** Adds one {@code /screenshot} response to the current window. */
    public synchronized void record(int status, long responseNanos) {
        responses++;
        if (status == 429 || status >= 500) {
            errors++;
        }
        responseNanosSum += responseNanos;
    }

    private void scheduleNextCheck() {
        if (!closed) {
            nextCheck = timer.schedule(this::checkWindow, WINDOW.toNanos());
        }
    }

    private void checkWindow() {
        long windowResponses;
        long windowErrors;
        long windowNanos;
        synchronized (this) {
            windowResponses = responses;
            windowErrors = errors;
            windowNanos = responseNanosSum;
            responses = 0;
            errors = 0;
            responseNanosSum = 0;
        }
        if (windowResponses > 0) {
            double errorRatePercent = 100.0 * windowErrors / windowResponses;
            double meanMillis = windowNanos / 1e6 / windowResponses;
            if (errorRatePercent > config.errorRateThresholdPercent()) {
                LOG.warn("Error rate {}% ({} of {} /screenshot responses with status 429 or 5xx) over the last {} s"
                                + " exceeds monitoring.alert_thresholds.error_rate_percent = {}; the offered load is above"
                                + " what the configured pool and queue can serve.",
                        String.format("%.1f", errorRatePercent), windowErrors, windowResponses, WINDOW.toSeconds(),
                        config.errorRateThresholdPercent());
            }
            if (meanMillis > config.averageResponseTimeThreshold().toMillis()) {
                LOG.warn("Mean /screenshot response time {} ms over the last {} s exceeds"
                                + " monitoring.alert_thresholds.avg_response_time_ms = {}; captures are queueing or degraded.",
                        Math.round(meanMillis), WINDOW.toSeconds(), config.averageResponseTimeThreshold().toMillis());
            }
        }
        scheduleNextCheck();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> check = nextCheck;
        if (check != null) {
            check.cancel(false);
        }
    }
}
