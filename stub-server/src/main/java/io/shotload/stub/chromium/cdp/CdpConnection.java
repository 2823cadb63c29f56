package io.shotload.stub.chromium.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chrome DevTools Protocol connection to a browser, over the JDK WebSocket client.
 *
 * <p>Design: every target is reached through this one socket in flat mode ({@code Target.attachToTarget}
 * with {@code flatten: true}), so commands and events carry a {@code sessionId}; a null session id
 * addresses the browser target. Incoming messages are handled in arrival order on one thread per
 * connection, so command results and events of a session are seen in protocol order. Handlers and
 * future continuations run on that thread and must not block it. Outgoing messages are chained,
 * because the JDK WebSocket allows one outstanding send at a time.
 */
public final class CdpConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdpConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Command timeouts of all connections; cancelled timers leave the queue at once. */
    private static final ScheduledThreadPoolExecutor TIMEOUTS = createTimeoutExecutor();

    private final String name;
    private final Duration commandTimeout;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();
    private final List<Consumer<Throwable>> closeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final StringBuilder partialMessage = new StringBuilder();
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> sendChain;
    private WebSocket socket;

    private CdpConnection(String name, Duration commandTimeout) {
        this.name = name;
        this.commandTimeout = commandTimeout;
        this.dispatcher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cdp-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a connection to a browser's DevTools WebSocket URL.
     *
     * @param name a short name for thread names and logs, such as {@code browser-3}
     * @param webSocketUrl the URL Chromium prints after {@code DevTools listening on}
     * @param commandTimeout how long a command may wait for its result before it fails
     */
    public static CdpConnection open(String name, URI webSocketUrl, Duration commandTimeout)
            throws CdpException {
        CdpConnection connection = new CdpConnection(name, commandTimeout);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(commandTimeout).build();
            connection.socket = client.newWebSocketBuilder()
                    .connectTimeout(commandTimeout)
                    .buildAsync(webSocketUrl, connection.new Listener())
                    .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            connection.dispatcher.shutdownNow();
            throw new CdpException("Failed to open the DevTools WebSocket " + webSocketUrl + ": " + e, e);
        }
        connection.sendChain = CompletableFuture.completedFuture(connection.socket);
        return connection;
    }

    /** Sends a command to the browser target. */
    public CompletableFuture<JsonNode> send(String method, Map<String, ?> params) {
        return send(null, method, params);
    }

    /**
     * Sends a command; the future completes with its {@code result}, or exceptionally with a
     * {@link CdpException} for a protocol error, a timeout or a closed connection.
     */
    public CompletableFuture<JsonNode> send(String sessionId, String method, Map<String, ?> params) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (closed.get()) {
            result.completeExceptionally(new CdpClosedException("connection " + name + " is closed"));
            return result;
        }
        long id = nextId.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        pending.put(id, result);
        String text = message.toString();
        synchronized (sendLock) {
            sendChain = sendChain.thenCompose(ws -> ws.sendText(text, true));
            sendChain.exceptionally(error -> {
                failPending(id, new CdpClosedException("failed to send " + method + " on " + name + ": " + error));
                return null;
            });
        }
        // The timer fails the command on the shared timer thread, not on the dispatcher.
        ScheduledFuture<?> timer = TIMEOUTS.schedule(() ->
                failPending(id, new CdpException(method + " timed out after " + commandTimeout.toMillis() + " ms")),
                commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((ignored, error) -> timer.cancel(false));
        return result;
    }

    /**
     * Registers a handler for an event of one session (null for the browser target). Returns a
     * handle that removes it.
     */
    public Runnable on(String sessionId, String method, Consumer<JsonNode> handler) {
        String key = eventKey(sessionId, method);
        listeners.computeIfAbsent(key, ignored -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> {
            List<Consumer<JsonNode>> handlers = listeners.get(key);
            if (handlers != null) {
                handlers.remove(handler);
                if (handlers.isEmpty()) {
                    listeners.remove(key, handlers);
                }
            }
        };
    }

    /** Removes every event handler of a session, once the session is gone. */
    public void removeSession(String sessionId) {
        String prefix = sessionId + " ";
        listeners.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** Registers a handler run once when the connection closes, with the cause. */
    public void onClose(Consumer<Throwable> handler) {
        closeListeners.add(handler);
        if (closed.get()) {
            closedFuture.thenRun(() -> handler.accept(new CdpClosedException("connection " + name + " is closed")));
        }
    }

    /** Returns true once the socket has closed or failed. */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        shutdown(new CdpClosedException("connection " + name + " was closed"));
        if (socket != null) {
            socket.abort();
        }
    }

    private void shutdown(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatcher.execute(() -> {
            for (Long id : List.copyOf(pending.keySet())) {
                failPending(id, cause instanceof CdpException ? cause : new CdpClosedException(cause.toString()));
            }
            for (Consumer<Throwable> handler : closeListeners) {
                runHandler(handler, cause);
            }
            closedFuture.complete(null);
        });
        dispatcher.shutdown();
    }

    private void failPending(long id, Throwable error) {
        CompletableFuture<JsonNode> future = pending.remove(id);
        if (future != null) {
            future.completeExceptionally(error);
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warn("Ignored an unreadable DevTools message on {}: {}", name, e.toString());
            return;
        }
        JsonNode id = message.get("id");
        if (id != null) {
            CompletableFuture<JsonNode> future = pending.remove(id.asLong());
            if (future == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null) {
                future.completeExceptionally(new CdpException(error.path("message").asText("protocol error")
                        + " (code " + error.path("code").asInt() + ")"));
            } else {
                future.complete(message.path("result"));
            }
            return;
        }
        String sessionId = message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null;
        List<Consumer<JsonNode>> handlers = listeners.get(eventKey(sessionId, message.path("method").asText()));
        if (handlers != null) {
            JsonNode params = message.path("params");
            for (Consumer<JsonNode> handler : handlers) {
                runHandler(handler, params);
            }
        }
    }

    private <T> void runHandler(Consumer<T> handler, T value) {
        try {
            handler.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("A DevTools event handler on {} failed: {}", name, e.toString(), e);
        }
    }

    private static ScheduledThreadPoolExecutor createTimeoutExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cdp-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static String eventKey(String sessionId, String method) {
        return (sessionId == null ? "browser" : sessionId) + " " + method;
    }

    /** Receives frames on the HTTP client's threads and queues whole messages to the dispatcher. */
    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partialMessage.append(data);
            if (last) {
                String text = partialMessage.toString();
                partialMessage.setLength(0);
                if (!closed.get()) {
                    dispatcher.execute(() -> dispatch(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            shutdown(new CdpClosedException("browser closed the DevTools connection " + name
                    + " (status " + statusCode + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            shutdown(new CdpClosedException("DevTools connection " + name + " failed: " + error));
        }
    }
}
