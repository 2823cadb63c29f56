package io.shotload.stub.chromium;

import static io.shotload.stub.chromium.ChromiumTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Captures of the fixture site through one shared backend (two browsers, context isolation). */
class ChromiumCaptureTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static FixtureServer server;
    private static ChromiumBackend backend;
    private static PrometheusRegistry registry;

    @BeforeAll
    static void startBackend() {
        ChromiumTestSupport.assumeChromiumInstalled();
        server = new FixtureServer();
        backend = new ChromiumBackend(ChromiumConfig.DEFAULTS, ChromiumTestSupport.limits(2),
                ChromiumTestSupport.fixtureOnlyPolicy(server));
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
    void viewportPngHasRequestedSize() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/lobby.html"), CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 1280, 720));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);
        assertThat(result.widthPixels()).isEqualTo(1280);
        assertThat(result.heightPixels()).isEqualTo(720);
        assertThat(result.image()[1]).isEqualTo((byte) 'P');
    }

    @Test
    void viewportJpegHasRequestedSize() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/lobby.html"), CaptureType.VIEWPORT, null,
                ImageFormat.JPEG, 800, 600));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.image()[0]).isEqualTo((byte) 0xff);
    }

    @Test
    void fullPageIsViewportWideAndTaller() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/terms.html"), CaptureType.FULL_PAGE, null,
                ImageFormat.PNG, 1280, 720));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isGreaterThan(3000);
        assertThat(result.heightPixels()).isEqualTo(image.getHeight());
    }

    @Test
    void elementCaptureHasElementSize() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/lobby.html"), CaptureType.ELEMENT, "#jackpot",
                ImageFormat.PNG, 1280, 720));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(120);
    }

    @Test
    void elementJpegHasElementSize() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/canvas.html"), CaptureType.ELEMENT, "#wheel",
                ImageFormat.JPEG, 1280, 720));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    @Test
    void canvasIsDrawnBeforeCapture() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/canvas.html"), CaptureType.ELEMENT, "#wheel",
                ImageFormat.PNG, 1280, 720));

        BufferedImage image = decode(result);
        // The wheel's first segment starts at angle 0, right of the centre; an undrawn canvas is transparent.
        assertThat(image.getRGB(300, 220) & 0xffffff).isEqualTo(0xff3d6e);
    }

    @Test
    void missingElementFailsWith422() {
        CaptureException error = captureError(request(server.url("/fixtures/lobby.html"), CaptureType.ELEMENT,
                "#no-such-element", ImageFormat.PNG, 1280, 720));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(422);
        assertThat(error.errorCode()).isEqualTo(CaptureErrors.ELEMENT_NOT_FOUND);
    }

    @Test
    void invalidSelectorFailsWith400() {
        CaptureException error = captureError(request(server.url("/fixtures/lobby.html"), CaptureType.ELEMENT,
                "div[", ImageFormat.PNG, 1280, 720));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(400);
        assertThat(error.errorCode()).isEqualTo(CaptureErrors.INVALID_SELECTOR);
    }

    @Test
    void tallFullPageFailsWith422() {
        long start = System.nanoTime();
        CaptureException error = captureError(request(server.url("/fixtures/tall.html"), CaptureType.FULL_PAGE, null,
                ImageFormat.PNG, 1280, 720));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(422);
        assertThat(error.errorCode()).isEqualTo(CaptureErrors.PAGE_TOO_TALL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    }

    @Test
    void fullPageBelowHeightLimitIsCaptured() throws Exception {
        CaptureResult result = capture(request(server.url("/test/tall-16000.html"), CaptureType.FULL_PAGE, null,
                ImageFormat.JPEG, 1280, 720));

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(16_000);
        // The stripes alternate every 200 px; a cut or repeated tile would break the pattern near the bottom.
        assertThat(image.getRGB(640, 15_900) & 0xffffff).isNotEqualTo(image.getRGB(640, 15_700) & 0xffffff);
    }

    @Test
    void oversizedViewportFailsWith422() {
        CaptureException error = captureError(request(server.url("/fixtures/lobby.html"), CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 10_000, 10_000));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(422);
        assertThat(error.errorCode()).isEqualTo(CaptureErrors.CAPTURE_TOO_LARGE);
    }

    @Test
    void alertOnLoadIsDismissed() throws Exception {
        CaptureResult result = capture(request(server.url("/fixtures/alert.html"), CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 800, 600));

        assertThat(decode(result).getWidth()).isEqualTo(800);
    }

    @Test
    void neverIdlePageIsCapturedQuickly() throws Exception {
        long start = System.nanoTime();
        CaptureResult result = capture(request(server.url("/fixtures/never-idle.html"), CaptureType.VIEWPORT, null,
                ImageFormat.JPEG, 1280, 720));

        assertThat(decode(result).getHeight()).isEqualTo(720);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void requestDeadlineFailsWith504() {
        long start = System.nanoTime();
        CaptureException error = captureError(request(server.url("/test/slow.html"), CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 640, 480), Duration.ofMillis(1500));

        assertThat(error.httpStatus()).as(error.getMessage()).isEqualTo(504);
        // The request deadline comes before hard_deadline_ms, so the code is the server's own.
        assertThat(error.errorCode()).isEqualTo(CaptureErrors.REQUEST_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void memoryGaugeReportsPss() throws Exception {
        capture(request(server.url("/fixtures/lobby.html"), CaptureType.VIEWPORT, null, ImageFormat.PNG, 640, 480));
        Thread.sleep(BrowserPool.MONITOR_INTERVAL.toMillis() + 500);

        double pssBytes = ChromiumTestSupport.sample(registry, "screenshot_memory_resident_bytes");

        // One headless browser tree takes tens to hundreds of MiB; less than 10 MiB means nothing was read.
        assertThat(pssBytes).isGreaterThan(10 * 1024 * 1024.0);
        assertThat(ChromiumTestSupport.sample(registry, "screenshot_browsers")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void metricsAreRegistered() {
        String text = ChromiumTestSupport.scrape(registry);

        assertThat(text).contains("screenshot_memory_resident_bytes");
        assertThat(text).contains("screenshot_browsers ");
        assertThat(text).contains("screenshot_browsers_launched_total");
        assertThat(text).contains("screenshot_browsers_recycled_total{reason=\"memory\"}");
        assertThat(text).contains("screenshot_browsers_crashed_total");
        assertThat(text).contains("screenshot_blocked_total{reason=\"metadata\"}");
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}x{5}")
    @MethodSource("feederRows")
    void feederRowIsCaptured(String path, String type, String selector, String format, int width, int height)
            throws Exception {
        CaptureRequest request = request(server.url(path), CaptureType.fromWireName(type).orElseThrow(),
                selector.isEmpty() ? null : selector, ImageFormat.fromWireName(format).orElseThrow(), width, height);

        CaptureResult result = capture(request);

        BufferedImage image = decode(result);
        assertThat(image.getWidth()).as("width").isGreaterThan(0);
        assertThat(image.getWidth()).as("decoded width").isEqualTo(result.widthPixels());
        assertThat(image.getHeight()).as("decoded height").isEqualTo(result.heightPixels());
        if (request.type() != CaptureType.ELEMENT) {
            assertThat(image.getWidth()).as("viewport width").isEqualTo(width);
        }
        if (request.type() == CaptureType.VIEWPORT) {
            assertThat(image.getHeight()).as("viewport height").isEqualTo(height);
        }
    }

    static Stream<Arguments> feederRows() throws IOException {
        try (InputStream in = ChromiumCaptureTest.class.getResourceAsStream("/feeders/fixture-jobs.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            return lines.stream().map(line -> line.split(",", -1)).map(cells -> Arguments.of(cells[0], cells[1],
                    cells[2], cells[3], Integer.parseInt(cells[4]), Integer.parseInt(cells[5])));
        }
    }

    static CaptureResult capture(CaptureRequest request) throws Exception {
        return backend.capture(request, Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
    }

    static CaptureException captureError(CaptureRequest request) {
        return captureError(request, DEADLINE);
    }

    static CaptureException captureError(CaptureRequest request, Duration deadline) {
        CompletableFuture<CaptureResult> future = backend.capture(request, Instant.now().plus(deadline));
        Throwable thrown = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(CaptureException.class);
        return (CaptureException) thrown.getCause();
    }

    static BufferedImage decode(CaptureResult result) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.image()));
        assertThat(image).as("decodable " + result.format()).isNotNull();
        return image;
    }
}
