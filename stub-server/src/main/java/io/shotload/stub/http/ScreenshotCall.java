package io.shotload.stub.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shotload.stub.admission.AdmissionQueue;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /screenshot} request from admission to response.
 *
 * <p>Three events race to respond to it: the backend finishing, the request deadline
 * ({@code screenshot_queue.default_timeout} after arrival) and, for a queued request, nothing at all
 * until a slot frees. The first to call {@link #respond} wins; the others find {@code answered} set and
 * only release what they hold. A slot handed to a request that already got its 504 is released
 * at once. Everything after admission runs on the exchange's I/O thread; timer callbacks only hand work
 * over to it.
 */
final class ScreenshotCall implements AdmissionQueue.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotCall.class);
    private static final double NANOS_PER_MILLI = 1e6;

    private final ScreenshotHandler.CallContext context;
    private final HttpServerExchange exchange;
    private final String requestId;
    private final CaptureRequest request;
    private final long arrivalNanos;
    private final long deadlineNanos;
    /** The error code of a 504 at the request deadline, from the server's timer or from a backend. */
    static final String DEADLINE_ERROR = "timeout";
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile long captureStartNanos;
    private volatile ScheduledFuture<?> deadlineTask;

    ScreenshotCall(
            ScreenshotHandler.CallContext context,
            HttpServerExchange exchange,
            String requestId,
            CaptureRequest request,
            long arrivalNanos) {
        this.context = context;
        this.exchange = exchange;
        this.requestId = requestId;
        this.request = request;
        this.arrivalNanos = arrivalNanos;
        this.deadlineNanos = arrivalNanos + context.queueConfig().defaultTimeout().toNanos();
    }

    /** Arms the deadline and offers the request to the admission queue. */
    void admit() {
        deadlineTask = context.timer().schedule(
                () -> HttpResponses.onIoThread(exchange, this::onDeadline), deadlineNanos - System.nanoTime());
        switch (context.admission().offer(this)) {
            case STARTED -> startCapture();
            case QUEUED -> LOG.debug("Request {} queued", requestId);
            case REJECTED -> rejectQueueFull();
        }
    }

    /** Called by the admission queue on the thread that freed the slot; moves to this exchange's I/O thread. */
    @Override
    public void start() {
        HttpResponses.onIoThread(exchange, this::startCapture);
    }

    private void startCapture() {
        if (answered.get()) {
            context.admission().release();
            return;
        }
        long startNanos = System.nanoTime();
        captureStartNanos = startNanos;
        context.metrics().recordQueueWaitSeconds((startNanos - arrivalNanos) / 1e9);
        Instant deadline = Instant.now().plusNanos(deadlineNanos - startNanos);
        CompletableFuture<CaptureResult> capture;
        try {
            capture = context.backend().capture(request, deadline);
        } catch (RuntimeException e) {
            capture = CompletableFuture.failedFuture(e);
        }
        // The backend completes the future on its timer thread. The end is taken there, and the bookkeeping
        // and the response run on this exchange's I/O thread, so a burst of completions does not delay the
        // timer and a busy I/O thread does not lengthen the reported capture.
        capture.whenComplete((result, error) -> {
            long endNanos = System.nanoTime();
            HttpResponses.onIoThread(exchange, () -> onCaptureComplete(result, error, endNanos));
        });
    }

    private void onCaptureComplete(CaptureResult result, Throwable error, long endNanos) {
        long captureNanos = endNanos - captureStartNanos;
        context.metrics().recordCaptureSeconds(captureNanos / 1e9);
        context.retryAfter().recordCapture(captureNanos / 1e9);
        context.admission().release();
        cancelDeadline();

        double queueMillis = (captureStartNanos - arrivalNanos) / NANOS_PER_MILLI;
        if (error == null) {
            respondImage(result, queueMillis);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        double captureMillis = captureNanos / NANOS_PER_MILLI;
        if (cause instanceof CaptureException failure && failure.httpStatus() == 504
                && DEADLINE_ERROR.equals(failure.errorCode())) {
            // The backend stopped at the request deadline, a moment before the server's own deadline timer:
            // the client gets the same answer either way.
            String message = deadlineMessage(queueMillis, captureMillis);
            respond(504, queueMillis, captureMillis,
                    exchange -> HttpResponses.sendJson(exchange, 504, HttpResponses.error(DEADLINE_ERROR, message)));
        } else if (cause instanceof CaptureException failure) {
            respond(failure.httpStatus(), queueMillis, captureMillis, exchange -> HttpResponses.sendJson(
                    exchange, failure.httpStatus(), HttpResponses.error(failure.errorCode(), failure.getMessage())));
        } else {
            if (!answered.get()) {
                LOG.warn("Request {}: the {} backend failed unexpectedly; responding with 500", requestId,
                        context.backend().name(), cause);
            }
            respond(500, queueMillis, captureMillis, exchange -> HttpResponses.sendJson(exchange, 500,
                    HttpResponses.error("internal_error", "The capture backend failed: " + cause)));
        }
    }

    private void respondImage(CaptureResult result, double queueMillis) {
        respond(200, queueMillis, result.captureMillis(), exchange -> {
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, result.format().contentType());
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseHeaders().put(HttpResponses.IMAGE_WIDTH, result.widthPixels());
            exchange.getResponseHeaders().put(HttpResponses.IMAGE_HEIGHT, result.heightPixels());
            exchange.getResponseSender().send(ByteBuffer.wrap(result.image()));
        });
    }

    private void onDeadline() {
        boolean wasQueued = context.admission().remove(this);
        long nowNanos = System.nanoTime();
        long startNanos = captureStartNanos;
        boolean capturing = !wasQueued && startNanos != 0;
        double queueMillis = ((capturing ? startNanos : nowNanos) - arrivalNanos) / NANOS_PER_MILLI;
        double captureMillis = capturing ? (nowNanos - startNanos) / NANOS_PER_MILLI : 0;
        String message = deadlineMessage(queueMillis, captureMillis);
        respond(504, queueMillis, captureMillis,
                exchange -> HttpResponses.sendJson(exchange, 504, HttpResponses.error(DEADLINE_ERROR, message)));
    }

    private String deadlineMessage(double queueMillis, double captureMillis) {
        return String.format(Locale.ROOT,
                "The request did not finish within screenshot_queue.default_timeout = %d s"
                        + " (%.0f ms in the queue, %.0f ms capturing).",
                context.queueConfig().defaultTimeout().toSeconds(), queueMillis, captureMillis);
    }

    private void rejectQueueFull() {
        cancelDeadline();
        long retryAfterSeconds = context.retryAfter().retryAfterSeconds(
                context.admission().queueDepth(), context.admission().maxConcurrent());
        String message = "The queue is full (screenshot_queue.max_queue_size = " + context.queueConfig().maxQueueSize()
                + "); retry after " + retryAfterSeconds + " s.";
        respond(429, 0, 0, exchange -> {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
            HttpResponses.sendJson(exchange, 429, HttpResponses.error("queue_full", message));
        });
    }

    /** Responds to a request that never reached the queue, such as an invalid one. */
    void respondJson(int status, ObjectNode body) {
        respond(status, 0, 0, exchange -> HttpResponses.sendJson(exchange, status, body));
    }

    /** A response writer, run on the I/O thread. */
    @FunctionalInterface
    private interface ResponseWriter {
        void write(HttpServerExchange exchange);
    }

    private void respond(int status, double queueMillis, double captureMillis, ResponseWriter writer) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        long responseNanos = System.nanoTime() - arrivalNanos;
        context.metrics().recordResponse(status);
        context.monitor().record(status, responseNanos);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Request {} got {} after {} ms (queue {} ms, capture {} ms)", requestId, status,
                    Math.round(responseNanos / NANOS_PER_MILLI), Math.round(queueMillis), Math.round(captureMillis));
        }
        HttpResponses.onIoThread(exchange, () -> {
            exchange.getResponseHeaders().put(HttpResponses.SERVER_TIMING,
                    HttpResponses.serverTiming(queueMillis, captureMillis));
            writer.write(exchange);
        });
    }

    private void cancelDeadline() {
        ScheduledFuture<?> task = deadlineTask;
        if (task != null) {
            task.cancel(false);
        }
    }
}
