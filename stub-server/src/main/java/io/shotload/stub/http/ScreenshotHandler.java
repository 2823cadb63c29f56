package io.shotload.stub.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shotload.stub.admission.AdmissionQueue;
import io.shotload.stub.admission.RetryAfterEstimator;
import io.shotload.stub.capture.CaptureBackend;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.config.ScreenshotQueueConfig;
import io.shotload.stub.metrics.PerformanceMonitor;
import io.shotload.stub.metrics.StubMetrics;
import io.shotload.stub.timer.LatenessTimer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;

/**
 * {@code GET} and {@code POST /screenshot}: validates the request, admits it through the
 * {@link AdmissionQueue} and hands it to the backend. The exchange is dispatched at once and completed
 * asynchronously by a {@link ScreenshotCall}, so no thread waits for a capture or a queue slot.
 */
public final class ScreenshotHandler implements HttpHandler {

    /** Largest accepted {@code POST} body, in bytes; larger bodies get 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final CallContext context;

    /** Everything a {@link ScreenshotCall} shares with the other calls of one server. */
    record CallContext(
            CaptureBackend backend,
            AdmissionQueue admission,
            RetryAfterEstimator retryAfter,
            LatenessTimer timer,
            StubMetrics metrics,
            PerformanceMonitor monitor,
            ScreenshotQueueConfig queueConfig) {
    }

    public ScreenshotHandler(
            CaptureBackend backend,
            AdmissionQueue admission,
            LatenessTimer timer,
            StubMetrics metrics,
            PerformanceMonitor monitor,
            ScreenshotQueueConfig queueConfig) {
        RetryAfterEstimator retryAfter = new RetryAfterEstimator(queueConfig.defaultTimeout().toSeconds());
        this.context = new CallContext(backend, admission, retryAfter, timer, metrics, monitor, queueConfig);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long arrivalNanos = System.nanoTime();
        String requestId = exchange.getAttachment(HttpResponses.REQUEST_ID_KEY);
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            if (exchange.getRequestMethod().equals(Methods.POST)) {
                readBody(exchange, requestId, arrivalNanos);
            } else {
                admitParsed(exchange, requestId, arrivalNanos, () ->
                        ScreenshotRequestParser.fromQuery(requestId, exchange.getQueryParameters()));
            }
        });
    }

    private void readBody(HttpServerExchange exchange, String requestId, long arrivalNanos) {
        exchange.setMaxEntitySize(MAX_BODY_BYTES);
        // Undertow ends the exchange after a receiver callback unless the callback dispatches it again.
        exchange.getRequestReceiver().receiveFullBytes(
                (ignored, body) -> exchange.dispatch(SameThreadExecutor.INSTANCE, () -> admitParsed(
                        exchange, requestId, arrivalNanos, () -> ScreenshotRequestParser.fromJson(requestId, body))),
                (ignored, error) -> exchange.dispatch(SameThreadExecutor.INSTANCE,
                        () -> rejectUnreadableBody(exchange, requestId, arrivalNanos, error)));
    }

    private void rejectUnreadableBody(HttpServerExchange exchange, String requestId, long arrivalNanos, IOException error) {
        ScreenshotCall call = new ScreenshotCall(context, exchange, requestId, null, arrivalNanos);
        if (error instanceof RequestTooBigException) {
            call.respondJson(413, HttpResponses.error("body_too_large",
                    "The request body exceeds " + MAX_BODY_BYTES + " bytes."));
        } else {
            call.respondJson(400, HttpResponses.error("invalid_request", "The request body could not be read: " + error));
        }
    }

    /** A parse step that may reject the request. */
    @FunctionalInterface
    private interface Parse {
        CaptureRequest parse() throws InvalidRequestException;
    }

    private void admitParsed(HttpServerExchange exchange, String requestId, long arrivalNanos, Parse parse) {
        CaptureRequest request;
        try {
            request = parse.parse();
        } catch (InvalidRequestException e) {
            ScreenshotCall call = new ScreenshotCall(context, exchange, requestId, null, arrivalNanos);
            call.respondJson(400, invalidRequestBody(e));
            return;
        }
        new ScreenshotCall(context, exchange, requestId, request, arrivalNanos).admit();
    }

    private static ObjectNode invalidRequestBody(InvalidRequestException e) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        body.put("error", "invalid_request");
        body.put("field", e.field());
        if (e.value() == null) {
            body.putNull("value");
        } else {
            body.put("value", e.value());
        }
        body.put("allowed", e.allowed());
        body.put("message", e.getMessage());
        return body;
    }
}
