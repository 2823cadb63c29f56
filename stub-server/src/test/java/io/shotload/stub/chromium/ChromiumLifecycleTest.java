package io.shotload.stub.chromium;

import static io.shotload.stub.chromium.ChromiumTestSupport.request;
import static io.shotload.stub.chromium.ChromiumTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser crashes, recycling, isolation modes and clean shutdown; each test has its own backend. */
class ChromiumLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private FixtureServer server;
    private final List<ChromiumBackend> backends = new ArrayList<>();
    private PrometheusRegistry registry;

    @BeforeEach
    void startServer() {
        ChromiumTestSupport.assumeChromiumInstalled();
        server = new FixtureServer();
        registry = new PrometheusRegistry();
    }

    @AfterEach
    void stopAll() {
        backends.forEach(ChromiumBackend::close);
        if (server != null) {
            server.close();
        }
    }

    private ChromiumBackend backend(ChromiumConfig config, BrowserPoolLimits limits) {
        ChromiumBackend backend = new ChromiumBackend(config, limits, ChromiumTestSupport.fixtureOnlyPolicy(server));
        backend.registerMetrics(registry);
        backends.add(backend);
        return backend;
    }

    private CaptureRequest lobby() {
        return request(server.url("/fixtures/lobby.html"), CaptureType.VIEWPORT, null, ImageFormat.JPEG, 800, 600);
    }

    private CaptureRequest slowPage() {
        return request(server.url("/test/slow.html"), CaptureType.VIEWPORT, null, ImageFormat.PNG, 640, 480);
    }

    @Test
    void killedBrowserFailsOnlyItsCaptures() throws Exception {
        ChromiumConfig onePagePerBrowser = ChromiumConfig.fromJson(null, 1, null, null, null, null, null, null, null,
                null, null);
        ChromiumBackend backend = backend(onePagePerBrowser, ChromiumTestSupport.limits(2));
        // Two captures at once start both browsers.
        CompletableFuture.allOf(backend.capture(lobby(), Instant.now().plus(DEADLINE)),
                backend.capture(lobby(), Instant.now().plus(DEADLINE))).get(30, TimeUnit.SECONDS);
        assertThat(backend.browserPids()).hasSize(2);

        CompletableFuture<CaptureResult> first = backend.capture(slowPage(), Instant.now().plus(DEADLINE));
        CompletableFuture<CaptureResult> second = backend.capture(slowPage(), Instant.now().plus(DEADLINE));
        Thread.sleep(1500);
        long victim = backend.browserPids().get(0);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        List<Throwable> failures = new ArrayList<>();
        int succeeded = 0;
        for (CompletableFuture<CaptureResult> capture : List.of(first, second)) {
            Throwable error = catchThrowable(() -> capture.get(30, TimeUnit.SECONDS));
            if (error == null) {
                succeeded++;
            } else {
                failures.add(error.getCause());
            }
        }
        assertThat(succeeded).as("captures on the other browser").isEqualTo(1);
        assertThat(failures).hasSize(1);
        CaptureException crash = (CaptureException) failures.get(0);
        assertThat(crash.httpStatus()).as(crash.getMessage()).isEqualTo(502);
        assertThat(crash.errorCode()).isEqualTo("browser_crashed");
        assertThat(sample(registry, "screenshot_browsers_crashed_total")).isEqualTo(1.0);

        CaptureResult after = backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        assertThat(after.widthPixels()).isEqualTo(800);
        assertThat(backend.browserPids()).doesNotContain(victim);
    }

    @Test
    void closeLeavesNoChromiumProcesses() throws Exception {
        ChromiumBackend backend = backend(ChromiumConfig.DEFAULTS, ChromiumTestSupport.limits(2));
        backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        CompletableFuture<CaptureResult> running = backend.capture(slowPage(), Instant.now().plus(DEADLINE));
        Thread.sleep(500);
        java.util.Set<String> ownFolders = ChromiumTestSupport.userDataDirs(backend.browserPids());
        assertThat(ownFolders).isNotEmpty();
        assertThat(ChromiumTestSupport.pidsUsing(ownFolders)).isNotEmpty();

        backend.close();

        // Only this backend's processes count, because other runs may use Chromium on the same machine.
        assertThat(ChromiumTestSupport.pidsUsing(ownFolders)).isEmpty();
        Throwable error = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
        assertThat(error).isInstanceOf(ExecutionException.class);
        assertThat(((CaptureException) error.getCause()).httpStatus()).isEqualTo(503);
    }

    @Test
    void captureAfterCloseFailsWith503() {
        ChromiumBackend backend = backend(ChromiumConfig.DEFAULTS, ChromiumTestSupport.limits(1));
        backend.close();

        Throwable error = catchThrowable(() -> backend.capture(lobby(), Instant.now().plus(DEADLINE))
                .get(5, TimeUnit.SECONDS));

        assertThat(((CaptureException) error.getCause()).httpStatus()).isEqualTo(503);
    }

    @Test
    void browserRecycledAfterMaxCaptures() throws Exception {
        ChromiumConfig twoCaptures = ChromiumConfig.fromJson(null, null, null, null, null, null, 2, null, null, null,
                null);
        ChromiumBackend backend = backend(twoCaptures, ChromiumTestSupport.limits(1));

        for (int i = 0; i < 3; i++) {
            backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        }

        assertThat(sample(registry, "screenshot_browsers_launched_total")).isEqualTo(2.0);
        assertThat(sample(registry, "screenshot_browsers_recycled_total{reason=\"captures\"}")).isEqualTo(1.0);
    }

    @Test
    void tabsCaptureInFrontOneAtATime() throws Exception {
        ChromiumConfig tabs = ChromiumConfig.DEFAULTS.withIsolation(ChromiumConfig.Isolation.REUSED_PAGE);
        assertThat(tabs.windowPerPage()).as("tabs are the default for reused pages").isFalse();
        ChromiumBackend backend = backend(tabs, ChromiumTestSupport.limits(1));
        CaptureRequest visibility = request(server.url("/test/visibility.html"), CaptureType.VIEWPORT, null,
                ImageFormat.PNG, 320, 240);

        List<CompletableFuture<CaptureResult>> captures = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<CaptureResult>> roundCaptures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                roundCaptures.add(backend.capture(visibility, Instant.now().plus(DEADLINE)));
            }
            CompletableFuture.allOf(roundCaptures.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
            captures.addAll(roundCaptures);
        }

        // The page paints itself red while hidden: each tab must have been in front when it was captured.
        for (CompletableFuture<CaptureResult> capture : captures) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(capture.get().image()));
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getRGB(160, 120) & 0xFFFFFF).as("centre pixel").isEqualTo(0x00FF00);
        }
        assertThat(sample(registry, "screenshot_browsers_launched_total")).isEqualTo(1.0);
    }

    @Test
    void browserOverMemoryLimitIsRecycled() throws Exception {
        BrowserPoolLimits oneMebibyte = BrowserPoolLimits.of(1, 3600, 30, 1);
        ChromiumBackend backend = backend(ChromiumConfig.DEFAULTS, oneMebibyte);
        backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);

        Thread.sleep(BrowserPool.MONITOR_INTERVAL.multipliedBy(2).toMillis() + 500);

        assertThat(sample(registry, "screenshot_browsers_recycled_total{reason=\"memory\"}")).isGreaterThanOrEqualTo(1.0);
        CaptureResult after = backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        assertThat(after.widthPixels()).isEqualTo(800);
    }

    @Test
    void reusedPageKeepsNoRendererPerCapture() throws Exception {
        ChromiumConfig onePage = ChromiumConfig.fromJson(null, 1, null, null, null,
                ChromiumConfig.Isolation.REUSED_PAGE, null, null, null, null, null);
        ChromiumBackend backend = backend(onePage, ChromiumTestSupport.limits(1));
        backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        long renderersAfterFirst = renderers(backend);

        for (int i = 0; i < 5; i++) {
            backend.capture(lobby(), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
        }

        // With the back-forward cache on, a page left for about:blank stayed alive in its renderer and the
        // next capture started another one: 4 renderers became 8 here.
        assertThat(renderers(backend)).as("renderer processes after six captures on one page")
                .isLessThanOrEqualTo(renderersAfterFirst + 1);
    }

    /** Counts the renderer processes of the backend's browsers. */
    private static long renderers(ChromiumBackend backend) {
        return backend.browserPids().stream()
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .flatMap(ProcessHandle::descendants)
                .filter(process -> commandLine(process).contains("--type=renderer"))
                .count();
    }

    /** Reads /proc/PID/cmdline; Chromium rewrites its child processes' arguments into one string there. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException exited) {
            return "";
        }
    }

    @Test
    void reusedPageModeCaptures() throws Exception {
        ChromiumBackend backend = backend(ChromiumConfig.DEFAULTS.withIsolation(ChromiumConfig.Isolation.REUSED_PAGE),
                ChromiumTestSupport.limits(1));

        for (String page : List.of("/fixtures/lobby.html", "/fixtures/alert.html", "/fixtures/canvas.html")) {
            CaptureResult result = backend.capture(request(server.url(page), CaptureType.VIEWPORT, null,
                    ImageFormat.PNG, 640, 480), Instant.now().plus(DEADLINE)).get(30, TimeUnit.SECONDS);
            assertThat(result.widthPixels()).as(page).isEqualTo(640);
        }
        assertThat(sample(registry, "screenshot_browsers_launched_total")).isEqualTo(1.0);
    }

    @Test
    void reusedPagesCaptureConcurrently() throws Exception {
        ChromiumBackend backend = backend(ChromiumConfig.DEFAULTS.withIsolation(ChromiumConfig.Isolation.REUSED_PAGE),
                ChromiumTestSupport.limits(1));
        List<CompletableFuture<CaptureResult>> captures = new ArrayList<>();

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                captures.add(backend.capture(lobby(), Instant.now().plus(DEADLINE)));
            }
            CompletableFuture.allOf(captures.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
        }

        assertThat(captures).allSatisfy(capture -> assertThat(capture.get().widthPixels()).isEqualTo(800));
    }

    @Test
    void missingExecutableNamesInstallCommand() {
        ChromiumConfig missing = ChromiumConfig.fromJson("/nonexistent/chromium", null, null, null, null, null, null,
                null, null, null, null);

        assertThatThrownBy(() -> backend(missing, ChromiumTestSupport.limits(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y chromium");
    }

    @Test
    void invalidConfigNamesField() {
        assertThatThrownBy(() -> ChromiumConfig.fromJson(null, 0, null, null, null, null, null, null, null, null,
                null))
                .hasMessage("Invalid stub config: chromium.pages_per_browser = 0; expected 1..64.");
    }
}
