package io.shotload.stub.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.admission.AdmissionQueue;
import io.shotload.stub.config.StubConfig;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** The small endpoints: {@code /health}, {@code /config}, {@code /metrics}, and the 404 and 405 responses. */
public final class InfoHandlers {

    private InfoHandlers() {
    }

    /** {@code GET /health}: liveness, with the backend name and the admission queue now. */
    public static HttpHandler health(String backendName, AdmissionQueue admission, long startNanos) {
        return exchange -> {
            ObjectNode body = HttpResponses.JSON.createObjectNode();
            body.put("status", "ok");
            body.put("backend", backendName);
            body.put("uptime_seconds", (System.nanoTime() - startNanos) / 1_000_000_000L);
            body.put("captures_running", admission.running());
            body.put("queue_depth", admission.queueDepth());
            HttpResponses.sendJson(exchange, 200, body);
        };
    }

    /** {@code GET /config}: the effective configuration in the file layout. */
    public static HttpHandler config(StubConfig config) {
        ObjectNode body = config.toJson();
        return exchange -> HttpResponses.sendJson(exchange, 200, body);
    }

    /** {@code GET /metrics}: Prometheus text exposition format 0.0.4. */
    public static HttpHandler metrics(PrometheusRegistry registry) {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        return exchange -> {
            ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
            try {
                writer.write(text, registry.scrape());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, writer.getContentType());
            exchange.getResponseSender().send(ByteBuffer.wrap(text.toByteArray()));
        };
    }

    public static HttpHandler notFound() {
        return exchange -> HttpResponses.sendJson(exchange, 404, HttpResponses.error("not_found",
                "No endpoint at " + exchange.getRequestPath()
                        + "; the stub serves /screenshot, /health, /metrics and /config."));
    }

    public static HttpHandler methodNotAllowed() {
        return exchange -> HttpResponses.sendJson(exchange, 405, HttpResponses.error("method_not_allowed",
                exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()
                        + "; /screenshot takes GET or POST, the other endpoints GET."));
    }
}
