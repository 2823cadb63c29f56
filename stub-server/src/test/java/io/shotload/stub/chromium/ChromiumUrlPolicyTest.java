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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The URL policy inside a real browser. Pages are served on 127.0.0.1 only; the blocked addresses
 * they name are ones {@code UrlPolicyTest} proves blocked, and each test asserts the block (403 or the
 * block counter). Chromium also runs behind the egress proxy, whose outbound connector here connects to
 * loopback only, so a miss cannot reach the named address.
 */
class ChromiumUrlPolicyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final LoopbackOnlyConnector connector = new LoopbackOnlyConnector();

    private static FixtureServer server;
    private static ChromiumBackend backend;
    private static PrometheusRegistry registry;

    @BeforeAll
    static void startBackend() {
        ChromiumTestSupport.assumeChromiumInstalled();
        server = new FixtureServer();
        backend = new ChromiumBackend(ChromiumConfig.DEFAULTS, ChromiumTestSupport.limits(1),
                ChromiumTestSupport.fixtureOnlyPolicy(server), Clock.systemUTC(), connector);
        registry = new PrometheusRegistry();
        backend.registerMetrics(registry);
    }

    @AfterAll
    static void stopBackend() {
        if (backend != null) {
            backend.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metadataUrlRejectedBeforeBrowser() {
        double before = blocked("metadata");

        CaptureException error = captureError(request("http://169.254.169.254/latest/meta-data/",
                CaptureType.VIEWPORT, null, ImageFormat.PNG, 800, 600));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(403);
        assertThat(error.errorCode()).isEqualTo("blocked_url");
        assertThat(error.getMessage()).contains("metadata");
        assertThat(blocked("metadata")).isEqualTo(before + 1);
    }

    @Test
    void fileSchemeRejected() {
        CaptureException error = captureError(request("file:///etc/passwd", CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 800, 600));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(403);
        assertThat(error.getMessage()).contains("scheme");
    }

    @Test
    void octalLoopbackOtherPortRejected() {
        CaptureException error = captureError(request("http://0177.0.0.1:1/", CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 800, 600));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(403);
        assertThat(error.getMessage()).contains("loopback");
    }

    @Test
    void redirectToMetadataRejected() {
        double before = blocked("metadata");

        CaptureException error = captureError(request(server.url("/test/redirect-to-metadata"),
                CaptureType.VIEWPORT, null, ImageFormat.PNG, 800, 600));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(403);
        assertThat(error.errorCode()).isEqualTo("blocked_url");
        assertThat(blocked("metadata")).isEqualTo(before + 1);
    }

    @Test
    void blockedSubresourcesAreCounted() throws Exception {
        double metadataBefore = blocked("metadata");
        double privateBefore = blocked("private");
        double loopbackBefore = blocked("loopback");

        CaptureResult result = capture(request(server.url("/test/blocked-subresources.html"), CaptureType.VIEWPORT,
                null, ImageFormat.PNG, 800, 600));

        assertThat(result.widthPixels()).isEqualTo(800);
        assertThat(blocked("metadata")).as("metadata image").isEqualTo(metadataBefore + 1);
        assertThat(blocked("private")).as("10.0.0.1 image").isEqualTo(privateBefore + 1);
        // An image on 127.0.0.1:1, an iframe on 0x7f.1:1 and a fetch to 2130706433:1.
        assertThat(blocked("loopback")).as("loopback requests").isEqualTo(loopbackBefore + 3);
    }

    @Test
    void webSocketToOtherLoopbackPortNeverConnects() throws Exception {
        double before = blocked("loopback");
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);

            CaptureResult result = capture(request(server.url("/test/websocket.html?port=" + listener.getLocalPort()),
                    CaptureType.VIEWPORT, null, ImageFormat.PNG, 640, 480));

            assertThat(result.widthPixels()).isEqualTo(640);
            Throwable accepted = catchThrowable(listener::accept);
            assertThat(accepted).as("no connection reached the listener").isInstanceOf(SocketTimeoutException.class);
            assertThat(blocked("loopback")).as("the egress proxy's block").isGreaterThan(before);
        }
    }

    @Test
    void serviceWorkerRegistrationBlocked() throws Exception {
        double before = blocked("service_worker");

        capture(request(server.url("/test/service-worker.html"), CaptureType.VIEWPORT, null, ImageFormat.PNG, 640,
                480));

        assertThat(blocked("service_worker")).isEqualTo(before + 1);
    }

    private static double blocked(String reason) {
        return sample(registry, "screenshot_blocked_total{reason=\"" + reason + "\"}");
    }

    private static CaptureResult capture(CaptureRequest request) throws Exception {
        return backend.capture(request, Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
    }

    private static CaptureException captureError(CaptureRequest request) {
        Throwable thrown = catchThrowable(() -> backend.capture(request, Instant.now().plus(DEADLINE))
                .get(30, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(CaptureException.class);
        return (CaptureException) thrown.getCause();
    }
}
