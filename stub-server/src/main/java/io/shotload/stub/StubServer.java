package io.shotload.stub;

import io.shotload.stub.admission.AdmissionQueue;
import io.shotload.stub.backend.BackendContext;
import io.shotload.stub.backend.CaptureBackendFactory;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.capture.CaptureBackend;
import io.shotload.stub.config.StubConfig;
import io.shotload.stub.http.InfoHandlers;
import io.shotload.stub.http.RequestIdHandler;
import io.shotload.stub.http.ScreenshotHandler;
import io.shotload.stub.metrics.PerformanceMonitor;
import io.shotload.stub.metrics.StubMetrics;
import io.shotload.stub.timer.LatenessTimer;
import io.shotload.stub.fixtures.FixtureHandler;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.StatusCodes;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The embedded screenshot-service stub: an Undertow server on a loopback address with a pluggable
 * capture backend.
 *
 * <pre>{@code
 * try (StubServer server = StubServer.start(StubConfig.defaults(), "127.0.0.1", 0)) {
 *     URI screenshot = server.baseUrl().resolve("/screenshot?url=https://example.com");
 *     ...
 * }
 * }</pre>
 */
public final class StubServer implements AutoCloseable {

    /** Accept backlog requested from the kernel; the kernel caps it at {@code net.core.somaxconn}. */
    public static final int ACCEPT_BACKLOG = 16_384;
    /** Undertow worker threads; the stub does no blocking work, so few are needed. */
    public static final int WORKER_THREADS = 4;

    /** Path prefix of the fixture site, served for every backend: pages the chromium backend may capture. */
    public static final String FIXTURES_PREFIX = "/fixtures";

    private static final Logger LOG = LoggerFactory.getLogger(StubServer.class);

    private final StubConfig config;
    private final Undertow undertow;
    private final LatenessTimer timer;
    private final CaptureBackend backend;
    private final PerformanceMonitor monitor;
    private final URI baseUrl;
    private final int port;
    private volatile HttpHandler routes;
    private boolean closed;

    private StubServer(StubConfig config, InetAddress address, int requestedPort, CaptureBackendFactory backendFactory) {
        this.config = config;
        this.timer = new LatenessTimer("stub-timer");
        // The listener is bound before the backend is created, because the chromium backend's URL policy
        // needs the server's own origin. Until the routes are set, requests get 503.
        this.routes = null;
        CaptureBackend createdBackend = null;
        Undertow startedUndertow = null;
        try {
            startedUndertow = Undertow.builder()
                    .addHttpListener(requestedPort, address.getHostAddress())
                    .setWorkerThreads(WORKER_THREADS)
                    .setSocketOption(Options.BACKLOG, ACCEPT_BACKLOG)
                    .setHandler(new RequestIdHandler(this::route))
                    .build();
            startedUndertow.start();
            InetSocketAddress bound = (InetSocketAddress) startedUndertow.getListenerInfo().get(0).getAddress();
            this.port = bound.getPort();
            String hostText = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            this.baseUrl = URI.create("http://" + hostText + ":" + port);

            createdBackend = backendFactory.create(new BackendContext(config, timer, baseUrl));
            AdmissionQueue admission = new AdmissionQueue(
                    config.screenshotQueue().maxConcurrent(), config.screenshotQueue().maxQueueSize());
            StubMetrics metrics = new StubMetrics(admission, timer);
            createdBackend.registerMetrics(metrics.registry());
            this.monitor = new PerformanceMonitor(config.monitoring(), timer);

            ScreenshotHandler screenshot = new ScreenshotHandler(
                    createdBackend, admission, timer, metrics, monitor, config.screenshotQueue());
            RoutingHandler api = new RoutingHandler()
                    .get("/screenshot", screenshot)
                    .post("/screenshot", screenshot)
                    .get("/health", InfoHandlers.health(createdBackend.name(), admission, System.nanoTime()))
                    .get("/config", InfoHandlers.config(config))
                    .get("/metrics", InfoHandlers.metrics(metrics.registry()))
                    .setFallbackHandler(InfoHandlers.notFound())
                    .setInvalidMethodHandler(InfoHandlers.methodNotAllowed());
            this.routes = new PathHandler(api).addPrefixPath(FIXTURES_PREFIX, new FixtureHandler());
        } catch (RuntimeException e) {
            if (startedUndertow != null) {
                startedUndertow.stop();
            }
            if (createdBackend != null) {
                createdBackend.close();
            }
            timer.close();
            throw e;
        }
        this.undertow = startedUndertow;
        this.backend = createdBackend;
        LOG.info("Stub server listening on {} with the {} backend: {}", baseUrl, backend.name(),
                summary(config, backend.name()));
    }

    /** Sends the request to the routes, or responds with 503 while the server is still starting. */
    private void route(HttpServerExchange exchange) throws Exception {
        HttpHandler current = routes;
        if (current == null) {
            exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
            exchange.endExchange();
            return;
        }
        current.handleRequest(exchange);
    }

    /** Starts a server with the mock backend; {@code port} 0 picks a free port. */
    public static StubServer start(StubConfig config, String host, int port) {
        return start(config, host, port, CaptureBackends.forName(CaptureBackends.MOCK));
    }

    /**
     * Starts a server with the given backend.
     *
     * @param host a loopback address or {@code localhost}; anything else is rejected
     * @param port the TCP port, or 0 for a free one
     * @throws IllegalArgumentException when {@code host} is not loopback or {@code port} is out of range
     * @throws io.shotload.stub.backend.BackendUnavailableException when the backend cannot run here
     */
    public static StubServer start(StubConfig config, String host, int port, CaptureBackendFactory backendFactory) {
        InetAddress address = LoopbackHosts.requireLoopback(host);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Invalid port " + port + "; expected 0..65535 (0 picks a free port).");
        }
        return new StubServer(config, address, port, backendFactory);
    }

    /** Returns the port the server listens on, the chosen one when it was started with port 0. */
    public int port() {
        return port;
    }

    /** Returns {@code http://host:port} without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    public StubConfig config() {
        return config;
    }

    public String backendName() {
        return backend.name();
    }

    /** Returns how late timer tasks ran since start, in nanoseconds: a copy the caller may keep. */
    public Histogram timerLatenessNanos() {
        return timer.latenessSnapshotNanos();
    }

    /** Stops listening, then closes the backend and the timer; requests still in flight get no response. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        undertow.stop();
        monitor.close();
        backend.close();
        timer.close();
        LOG.info("Stub server on {} stopped", baseUrl);
    }

    /**
     * Returns a one-line summary of the effective config for the start-up log: the server's limits, then
     * the settings of the named backend (seed and time scale for the mock, page and timing settings for
     * chromium).
     */
    static String summary(StubConfig config, String backendName) {
        String limits = String.format(Locale.ROOT, "%d browsers, %d concurrent captures, queue of %d, timeout %d s",
                config.browserPool().maxPoolSize(),
                config.screenshotQueue().maxConcurrent(),
                config.screenshotQueue().maxQueueSize(),
                config.screenshotQueue().defaultTimeout().toSeconds());
        return switch (backendName) {
            case CaptureBackends.MOCK -> String.format(Locale.ROOT, "%s, seed %d, time scale %s",
                    limits, config.seed(), config.mock().timeScale());
            case CaptureBackends.CHROMIUM -> String.format(Locale.ROOT,
                    "%s, %d pages per browser, isolation %s, load timeout %d ms, hard deadline %d ms",
                    limits,
                    config.chromium().pagesPerBrowser(),
                    config.chromium().isolation().name().toLowerCase(Locale.ROOT),
                    config.chromium().loadTimeoutMillis(),
                    config.chromium().hardDeadlineMillis());
            default -> limits;
        };
    }
}
