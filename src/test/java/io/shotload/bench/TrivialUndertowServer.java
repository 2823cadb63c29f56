package io.shotload.bench;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import org.xnio.Options;

/** The baseline of the zero-delay benchmark: an Undertow handler that sends {@code ok} from its I/O thread. */
final class TrivialUndertowServer implements AutoCloseable {

    private final Undertow undertow;

    TrivialUndertowServer() {
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setSocketOption(Options.BACKLOG, 16_384)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send("ok");
                })
                .build();
        undertow.start();
    }

    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
