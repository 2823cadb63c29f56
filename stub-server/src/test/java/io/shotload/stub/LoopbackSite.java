package io.shotload.stub;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test web site on one or more loopback addresses that records the path of every request it
 * receives. It serves fixed pages by path and responds 404 to anything else, so a test can assert both
 * which pages a browser loaded and that a blocked origin received nothing.
 */
final class LoopbackSite implements AutoCloseable {

    private final Undertow server;
    private final Map<String, String[]> pages = new ConcurrentHashMap<>();
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private final List<String> origins = new ArrayList<>();

    /** Starts the site on a free port of each address. Every address must be in 127.0.0.0/8. */
    LoopbackSite(String... loopbackAddresses) {
        Undertow.Builder builder = Undertow.builder().setHandler(exchange -> {
            requestedPaths.add(exchange.getRequestPath());
            String[] page = pages.get(exchange.getRequestPath());
            if (page == null) {
                exchange.setStatusCode(StatusCodes.NOT_FOUND);
                exchange.endExchange();
                return;
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, page[0]);
            exchange.getResponseSender().send(page[1]);
        });
        for (String address : loopbackAddresses) {
            if (!address.startsWith("127.")) {
                throw new IllegalArgumentException(
                        "Invalid test site address " + address + "; expected one in 127.0.0.0/8.");
            }
            builder.addHttpListener(0, address);
        }
        server = builder.build();
        server.start();
        for (Undertow.ListenerInfo listener : server.getListenerInfo()) {
            InetSocketAddress bound = (InetSocketAddress) listener.getAddress();
            origins.add("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        }
    }

    /** Returns {@code http://address:port} of the listener at {@code index}, in constructor order. */
    String origin(int index) {
        return origins.get(index);
    }

    int port(int index) {
        return Integer.parseInt(origins.get(index).substring(origins.get(index).lastIndexOf(':') + 1));
    }

    LoopbackSite page(String path, String contentType, String body) {
        pages.put(path, new String[] {contentType, body});
        return this;
    }

    /** Returns the paths of all requests received so far, on every listener, in arrival order. */
    List<String> requestedPaths() {
        return List.copyOf(requestedPaths);
    }

    @Override
    public void close() {
        server.stop();
    }
}
