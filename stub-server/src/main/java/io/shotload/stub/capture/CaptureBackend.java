package io.shotload.stub.capture;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Produces screenshots for the stub server: the mock model or a real browser.
 *
 * <p>The server owns admission: it calls {@link #capture} only for requests that left its FIFO queue,
 * so at most {@code screenshot_queue.max_concurrent} captures run at once. A backend must not block
 * the calling thread; it completes the future from its own timer or worker threads.
 */
public interface CaptureBackend extends AutoCloseable {

    /**
     * Starts a capture.
     *
     * @param request the validated request
     * @param deadline the instant after which the client gets 504; a backend may stop work then
     * @return a future completed with the image, or completed exceptionally with a {@link CaptureException}
     */
    CompletableFuture<CaptureResult> capture(CaptureRequest request, Instant deadline);

    /** Registers this backend's own metrics (memory, browsers launched, recycled, crashed). */
    void registerMetrics(PrometheusRegistry registry);

    /** Returns the backend's name as used by {@code --backend}: {@code mock} or {@code chromium}. */
    String name();

    /** Stops all work and releases browsers, timers and threads. Idempotent. */
    @Override
    void close();
}
