package io.shotload.stub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/** Headers and JSON bodies shared by every response of the stub. */
final class HttpResponses {

    static final HttpString REQUEST_ID = new HttpString("X-Request-Id");
    static final HttpString SERVER_TIMING = new HttpString("Server-Timing");
    static final HttpString IMAGE_WIDTH = new HttpString("X-Image-Width");
    static final HttpString IMAGE_HEIGHT = new HttpString("X-Image-Height");
    static final AttachmentKey<String> REQUEST_ID_KEY = AttachmentKey.create(String.class);
    static final String JSON_CONTENT_TYPE = "application/json";

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {
    }

    /** Returns the {@code Server-Timing} value, durations in milliseconds with one decimal. */
    static String serverTiming(double queueMillis, double captureMillis) {
        StringBuilder value = new StringBuilder(40).append("queue;dur=");
        appendOneDecimal(value, queueMillis);
        value.append(", capture;dur=");
        appendOneDecimal(value, captureMillis);
        return value.toString();
    }

    /** Appends a non-negative value rounded to one decimal, without {@link String#format}'s cost per request. */
    private static void appendOneDecimal(StringBuilder target, double value) {
        long tenths = Math.round(Math.max(0, value) * 10);
        target.append(tenths / 10).append('.').append(tenths % 10);
    }

    /** Returns {@code {"error": code, "message": message}}. */
    static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    /** Sends a JSON body and ends the exchange; call on the exchange's I/O thread. */
    static void sendJson(HttpServerExchange exchange, int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /** Runs {@code task} on the exchange's I/O thread: now when already there, else queued to it. */
    static void onIoThread(HttpServerExchange exchange, Runnable task) {
        if (exchange.getIoThread() == Thread.currentThread()) {
            task.run();
        } else {
            exchange.getIoThread().execute(task);
        }
    }
}
