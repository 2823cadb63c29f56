package io.shotload.stub.chromium;

import static io.shotload.stub.chromium.ChromiumTestSupport.request;
import static io.shotload.stub.chromium.ChromiumTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import io.shotload.stub.egress.LoopbackOnlyConnector;
import io.shotload.stub.urlpolicy.UrlPolicy;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy with a real Chromium, in the policy modes that allow more than the listed origins:
 * {@code allowed_hosts} and {@code allow_any_host}. Every server is on 127.0.0.1 and names resolve
 * through a fixed table. The proxy's outbound connector connects to loopback only and records every
 * target, so even a failed check never reaches 10.0.0.7, the denied address the rebinding test names.
 */
class ChromiumEgressProxyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Start of the names of {@code EgressProxy}'s lookup threads. */
    private static final String PROXY_LOOKUP_THREAD_PREFIX = "egress-proxy-lookup";

    /** Denies loopback, allows the name app.test. */
    private static final UrlPolicyConfig ALLOWED_HOSTS = new UrlPolicyConfig(List.of(), List.of("app.test"),
            false, false, false, false, false, false, true);
    /** Denies loopback, allows every host that passes the range checks. */
    private static final UrlPolicyConfig ANY_HOST = new UrlPolicyConfig(List.of(), List.of(),
            true, false, false, false, false, false, true);
    /** Allows loopback and two names, one of which the resolver rebinds to 10.0.0.7 for the proxy. */
    private static final UrlPolicyConfig NAMES_ON_LOOPBACK = new UrlPolicyConfig(List.of(),
            List.of("app.test", "rebind.test"), false, true, false, false, false, false, true);

    private static FixtureServer server;
    private static PolicyBackend allowedHosts;
    private static PolicyBackend anyHost;
    private static PolicyBackend namesOnLoopback;

    /**
     * A backend with its own policy, resolver, recording connector and metrics. The resolver maps
     * app.test to 127.0.0.1. It maps rebind.test to 127.0.0.1 for the policy's own checks and to
     * 10.0.0.7 for the egress proxy's lookup: the worst case of a rebinding DNS server, one that
     * answers differently exactly for the lookup before the connection. The resolver recognises the
     * proxy's lookups by the names of the proxy's lookup threads.
     */
    private static final class PolicyBackend implements AutoCloseable {

        final List<String> lookups = new CopyOnWriteArrayList<>();
        final LoopbackOnlyConnector connector = new LoopbackOnlyConnector();
        final PrometheusRegistry registry = new PrometheusRegistry();
        final ChromiumBackend backend;

        PolicyBackend(UrlPolicyConfig config) {
            UrlPolicy policy = new UrlPolicy(config, List.of(server.origin()), this::resolve);
            backend = new ChromiumBackend(ChromiumConfig.DEFAULTS, ChromiumTestSupport.limits(1), policy,
                    Clock.systemUTC(), connector);
            backend.registerMetrics(registry);
        }

        private List<InetAddress> resolve(String host) throws UnknownHostException {
            boolean byProxy = Thread.currentThread().getName().startsWith(PROXY_LOOKUP_THREAD_PREFIX);
            lookups.add(host + (byProxy ? " by proxy" : " by policy"));
            return switch (host) {
                case "app.test" -> List.of(InetAddress.getByName("127.0.0.1"));
                case "rebind.test" -> List.of(InetAddress.getByName(byProxy ? "10.0.0.7" : "127.0.0.1"));
                default -> throw new UnknownHostException(host + " is not in the test resolver table");
            };
        }

        long lookupCount(String hostAndCaller) {
            return lookups.stream().filter(hostAndCaller::equals).count();
        }

        double blocked(String reason) {
            return sample(registry, "screenshot_blocked_total{reason=\"" + reason + "\"}");
        }

        CaptureResult capture(CaptureRequest request) throws Exception {
            return backend.capture(request, Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        }

        CaptureException captureError(CaptureRequest request) {
            Throwable thrown = catchThrowable(() -> capture(request));
            assertThat(thrown).isInstanceOf(ExecutionException.class);
            assertThat(thrown.getCause()).isInstanceOf(CaptureException.class);
            return (CaptureException) thrown.getCause();
        }

        @Override
        public void close() {
            backend.close();
        }
    }

    @BeforeAll
    static void startBackends() {
        ChromiumTestSupport.assumeChromiumInstalled();
        server = new FixtureServer();
        allowedHosts = new PolicyBackend(ALLOWED_HOSTS);
        anyHost = new PolicyBackend(ANY_HOST);
        namesOnLoopback = new PolicyBackend(NAMES_ON_LOOPBACK);
    }

    @AfterAll
    static void stopBackends() {
        for (PolicyBackend backend : new PolicyBackend[] {allowedHosts, anyHost, namesOnLoopback}) {
            if (backend != null) {
                backend.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void webSocketBlockedWithAllowedHosts() throws Exception {
        assertWebSocketBlocked(allowedHosts);
    }

    @Test
    void webSocketBlockedWithAnyHost() throws Exception {
        assertWebSocketBlocked(anyHost);
    }

    @Test
    void allowedNameLoadsThroughProxy() throws Exception {
        PolicyBackend backend = namesOnLoopback;
        int fixturePort = serverPort();
        String page = "http://app.test:" + fixturePort + "/fixtures/index.html";

        CaptureResult result = backend.capture(request(page, CaptureType.VIEWPORT, null, ImageFormat.PNG, 800, 600));

        assertThat(result.widthPixels()).isEqualTo(800);
        assertThat(backend.connector.targets()).as("connections the proxy made")
                .contains(new InetSocketAddress("127.0.0.1", fixturePort))
                .allSatisfy(target -> assertThat(target.getAddress().isLoopbackAddress()).isTrue());
        // Chromium sent the proxy the name, not an address it resolved itself.
        assertThat(backend.lookupCount("app.test by proxy")).as("proxy lookups of app.test").isPositive();
    }

    @Test
    void reboundNameNeverConnects() {
        PolicyBackend backend = namesOnLoopback;
        double privateBefore = backend.blocked("private");
        int connectionsBefore = backend.connector.targets().size();
        String page = "http://rebind.test:" + serverPort() + "/fixtures/index.html";

        CaptureException error = backend.captureError(request(page, CaptureType.VIEWPORT, null, ImageFormat.PNG,
                800, 600));

        // The policy's checks (admission and the Fetch guard) saw 127.0.0.1 and let the page through.
        assertThat(backend.lookupCount("rebind.test by policy")).as("policy lookups").isGreaterThanOrEqualTo(1);
        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(502);
        assertThat(error.errorCode()).isEqualTo("navigation_failed");
        assertThat(backend.lookupCount("rebind.test by proxy")).as("proxy lookups").isPositive();
        assertThat(backend.blocked("private")).as("blocks of 10.0.0.7").isGreaterThan(privateBefore);
        assertThat(backend.connector.targets()).as("connections the proxy made").hasSize(connectionsBefore);
    }

    @Test
    void webRtcSendsNoUdpPastProxy() throws Exception {
        try (DatagramSocket stunListener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stunListener.setSoTimeout(1000);
            String page = server.url("/test/webrtc.html?port=" + stunListener.getLocalPort());

            CaptureResult result = anyHost.capture(request(page, CaptureType.VIEWPORT, null, ImageFormat.PNG, 640,
                    480));

            assertThat(result.widthPixels()).isEqualTo(640);
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            Throwable received = catchThrowable(() -> stunListener.receive(packet));
            assertThat(received).as("no STUN request reached the listener")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /**
     * Captures a page whose WebSocket goes to another port on 127.0.0.1, which the backend's policy
     * denies as loopback, and checks that the proxy blocked and counted it.
     */
    private static void assertWebSocketBlocked(PolicyBackend backend) throws Exception {
        double loopbackBefore = backend.blocked("loopback");
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);
            String page = server.url("/test/websocket.html?port=" + listener.getLocalPort());

            CaptureResult result = backend.capture(request(page, CaptureType.VIEWPORT, null, ImageFormat.PNG, 640,
                    480));

            assertThat(result.widthPixels()).isEqualTo(640);
            Throwable accepted = catchThrowable(listener::accept);
            assertThat(accepted).as("no connection reached the listener").isInstanceOf(SocketTimeoutException.class);
            assertThat(backend.blocked("loopback")).as("the egress proxy's block").isGreaterThan(loopbackBefore);
            assertThat(backend.connector.targets()).as("connections the proxy made")
                    .noneMatch(target -> target.getPort() == listener.getLocalPort());
        }
    }

    private static int serverPort() {
        String origin = server.origin();
        return Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
    }
}
