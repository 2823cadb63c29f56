package io.shotload.stub.chromium;

import io.shotload.stub.fixtures.FixtureHandler;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Undertow on 127.0.0.1 with the fixture site under {@code /fixtures/} and test-only pages under
 * {@code /test/}: pages from {@code src/test/resources/chromium-tests}, a redirect to the metadata
 * address (blocked by the policy before any connection), an image that arrives after a delay and a
 * path whose response never comes.
 */
final class FixtureServer implements AutoCloseable {

    /** Delay before {@code /test/slow-image} sends its response. */
    static final long SLOW_IMAGE_DELAY_MILLIS = 4_000;

    private final Undertow server;
    private final int port;
    private final AtomicInteger heldRequests = new AtomicInteger();

    FixtureServer() {
        PathHandler paths = new PathHandler()
                .addPrefixPath("/fixtures", new FixtureHandler())
                .addPrefixPath("/test", this::handleTestPath);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    String url(String path) {
        return origin() + path;
    }

    /** Returns how many requests {@code /test/held-forever} has received; none of them gets a response. */
    int heldRequests() {
        return heldRequests.get();
    }

    private void handleTestPath(HttpServerExchange exchange) throws IOException {
        String path = exchange.getRelativePath();
        switch (path) {
            case "/redirect-to-metadata" -> {
                exchange.setStatusCode(StatusCodes.FOUND);
                exchange.getResponseHeaders().put(Headers.LOCATION, "http://169.254.169.254/latest/meta-data/");
                exchange.endExchange();
            }
            case "/slow-image" -> exchange.dispatch(() -> exchange.getIoThread().executeAfter(() -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/svg+xml");
                exchange.getResponseSender().send("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>");
            }, SLOW_IMAGE_DELAY_MILLIS, TimeUnit.MILLISECONDS));
            case "/held-forever" -> {
                // A dispatched exchange stays open until it is ended, and nothing ends this one before close().
                heldRequests.incrementAndGet();
                exchange.dispatch(() -> { });
            }
            default -> {
                String name = path.startsWith("/") ? path.substring(1) : path;
                if (!name.matches("[a-z0-9-]+\\.(html|js)")) {
                    exchange.setStatusCode(StatusCodes.NOT_FOUND);
                    exchange.endExchange();
                    return;
                }
                try (InputStream in = FixtureServer.class.getClassLoader()
                        .getResourceAsStream("chromium-tests/" + name)) {
                    if (in == null) {
                        exchange.setStatusCode(StatusCodes.NOT_FOUND);
                        exchange.endExchange();
                        return;
                    }
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
                            name.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
                    exchange.getResponseSender().send(ByteBuffer.wrap(in.readAllBytes()));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
