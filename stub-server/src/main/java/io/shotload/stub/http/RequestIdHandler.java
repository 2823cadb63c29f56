package io.shotload.stub.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outermost handler: gives every exchange an {@code X-Request-Id} and a zero {@code Server-Timing}, which
 * the screenshot handler overwrites with measured values, and turns an unexpected exception into a JSON
 * 500.
 *
 * <p>A client's own {@code X-Request-Id} is kept when it is 1..128 characters of letters, digits and
 * {@code . _ : -}; otherwise the stub makes one from its start time and a counter.
 */
public final class RequestIdHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIdHandler.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final HttpHandler next;
    private final String prefix = Long.toString(System.currentTimeMillis(), 36) + "-";
    private final AtomicLong counter = new AtomicLong();

    public RequestIdHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String clientId = exchange.getRequestHeaders().getFirst(HttpResponses.REQUEST_ID);
        String requestId = clientId != null && CLIENT_ID.matcher(clientId).matches()
                ? clientId
                : prefix + counter.incrementAndGet();
        exchange.putAttachment(HttpResponses.REQUEST_ID_KEY, requestId);
        exchange.getResponseHeaders().put(HttpResponses.REQUEST_ID, requestId);
        exchange.getResponseHeaders().put(HttpResponses.SERVER_TIMING, HttpResponses.serverTiming(0, 0));
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            LOG.warn("Request {} {} {} failed inside the stub; responding with 500", requestId,
                    exchange.getRequestMethod(), exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                HttpResponses.sendJson(exchange, 500, HttpResponses.error("internal_error",
                        "The stub failed to handle the request: " + e));
            }
        }
    }
}
