package io.shotload.stub.mock;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.backend.BackendContext;
import io.shotload.stub.capture.CaptureBackend;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.config.BrowserPoolConfig;
import io.shotload.stub.config.MockConfig;
import io.shotload.stub.timer.LatenessTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock backend: waits the modelled capture time on the server's timer, then returns a pre-rendered
 * image or a modelled failure. No thread waits during a capture.
 *
 * <p>Outcomes, checked in this order: a capture whose model time exceeds
 * {@code browser_pool.browser_timeout_seconds} fails at that limit with 500 {@code browser_timeout} and
 * its browser is recycled; a capture drawn to fail ends after its model time with 500
 * {@code capture_failed} and crashes its browser; any other capture returns the image. A capture still
 * running at the request deadline is aborted then, so its slot frees when the server responds with 504.
 *
 * <p>{@code mock.time_scale} multiplies every modelled delay, including the browser timeout and the
 * browser age limit, so outcomes do not depend on it. It does not scale
 * {@code screenshot_queue.default_timeout}, which the server applies in real time.
 */
public final class MockCaptureBackend implements CaptureBackend {

    private static final double BYTES_PER_MEGABYTE = 1024 * 1024;

    private final MockConfig config;
    private final LatenessTimer timer;
    private final MockCaptureModel model;
    private final ModelledBrowserPool pool;
    private final ImageCatalog images = ImageCatalog.shared();
    private final double browserTimeoutModelMillis;
    private final AtomicLong captureSequence = new AtomicLong();
    private final AtomicInteger runningCaptures = new AtomicInteger();
    private volatile boolean closed;

    public MockCaptureBackend(BackendContext context) {
        this.config = context.config().mock();
        this.timer = context.timer();
        this.model = new MockCaptureModel(config, context.config().seed());
        BrowserPoolConfig browserPool = context.config().browserPool();
        this.browserTimeoutModelMillis = browserPool.browserTimeout().toMillis();
        this.pool = new ModelledBrowserPool(
                browserPool.maxPoolSize(), browserPool.maxBrowserAge().toNanos(), config.timeScale());
    }

    @Override
    public CompletableFuture<CaptureResult> capture(CaptureRequest request, Instant deadline) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new CaptureException(503, "shutting_down", "The stub is shutting down; retry on another instance."));
        }
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + Duration.between(Instant.now(), deadline).toNanos();
        MockCaptureModel.Draw draw = model.draw(captureSequence.getAndIncrement());
        int running = runningCaptures.incrementAndGet();
        ModelledBrowserPool.Lease lease = pool.acquire(startNanos);

        double captureModelMillis = model.captureMillis(draw, request.type(), running)
                + (lease.relaunched() ? config.browserLaunchMillis() : 0);
        Outcome outcome;
        double endModelMillis;
        if (captureModelMillis > browserTimeoutModelMillis) {
            outcome = Outcome.BROWSER_TIMEOUT;
            endModelMillis = browserTimeoutModelMillis;
        } else {
            outcome = draw.fails() ? Outcome.FAILED : Outcome.SUCCEEDED;
            endModelMillis = captureModelMillis;
        }
        long endNanos = startNanos + Math.round(endModelMillis * config.timeScale() * 1e6);
        if (endNanos > deadlineNanos) {
            outcome = Outcome.DEADLINE;
            endNanos = deadlineNanos;
        }

        CompletableFuture<ImageCatalog.EncodedImage> image = outcome == Outcome.SUCCEEDED
                ? images.image(request.type(), request.format(), request.jpegQuality(),
                        request.widthPixels(), request.heightPixels())
                : null;
        CompletableFuture<CaptureResult> result = new CompletableFuture<>();
        Outcome finalOutcome = outcome;
        timer.schedule(() -> finish(finalOutcome, lease, startNanos, image, result), endNanos - startNanos);
        return result;
    }

    private void finish(
            Outcome outcome,
            ModelledBrowserPool.Lease lease,
            long startNanos,
            CompletableFuture<ImageCatalog.EncodedImage> image,
            CompletableFuture<CaptureResult> result) {
        runningCaptures.decrementAndGet();
        double captureMillis = (System.nanoTime() - startNanos) / 1e6;
        switch (outcome) {
            case SUCCEEDED -> {
                pool.release(lease);
                image.whenComplete((encoded, error) -> {
                    if (error != null) {
                        result.completeExceptionally(new CaptureException(
                                500, "render_failed", "The mock could not render its image: " + error, error));
                    } else {
                        result.complete(new CaptureResult(encoded.bytes(), encoded.format(),
                                encoded.widthPixels(), encoded.heightPixels(), captureMillis));
                    }
                });
            }
            case FAILED -> {
                pool.releaseCrashed(lease);
                result.completeExceptionally(new CaptureException(
                        500, "capture_failed", "The browser crashed during the capture (modelled failure)."));
            }
            case BROWSER_TIMEOUT -> {
                pool.releaseHung(lease);
                result.completeExceptionally(new CaptureException(
                        500, "browser_timeout", "The capture exceeded browser_pool.browser_timeout_seconds = "
                                + TimeUnit.MILLISECONDS.toSeconds((long) browserTimeoutModelMillis)
                                + " s; the browser was recycled."));
            }
            case DEADLINE -> {
                pool.release(lease);
                result.completeExceptionally(new CaptureException(
                        504, "timeout", "The capture was aborted at the request deadline."));
            }
        }
    }

    private enum Outcome { SUCCEEDED, FAILED, BROWSER_TIMEOUT, DEADLINE }

    @Override
    public void registerMetrics(PrometheusRegistry registry) {
        pool.register(registry);
        GaugeWithCallback.builder()
                .name("screenshot_memory_resident_bytes")
                .help("Modelled resident memory: baseline + browsers x per-browser + running captures x per-capture")
                .callback(callback -> callback.call(modelledResidentBytes()))
                .register(registry);
    }

    /** Returns {@code memory_baseline_mb + browsers x memory_per_browser_mb + running x memory_per_capture_mb}, in bytes. */
    double modelledResidentBytes() {
        double megabytes = config.memoryBaselineMegabytes()
                + pool.size() * config.memoryPerBrowserMegabytes()
                + runningCaptures.get() * config.memoryPerCaptureMegabytes();
        return megabytes * BYTES_PER_MEGABYTE;
    }

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public void close() {
        closed = true;
    }
}
