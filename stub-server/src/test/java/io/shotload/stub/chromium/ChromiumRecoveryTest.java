package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shotload.stub.StubServer;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.chromium.cdp.CdpConnection;
import io.shotload.stub.config.StubConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the stub with the chromium backend recovers from a crashed renderer, an aged browser and pages
 * that never finish loading. Each test starts its own stub on 127.0.0.1 and talks to it over HTTP. The
 * pages come from a {@link FixtureServer} on 127.0.0.1, whose origin the stub's URL policy allows.
 */
class ChromiumRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RESPONSE_WAIT = Duration.ofSeconds(40);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private FixtureServer fixtures;

    @BeforeEach
    void startFixtures() {
        ChromiumTestSupport.assumeChromiumInstalled();
        fixtures = new FixtureServer();
    }

    @AfterEach
    void stopFixtures() {
        if (fixtures != null) {
            fixtures.close();
        }
    }

    @Test
    void rendererCrashFailsOnlyItsCapture() throws Exception {
        // A long settle keeps both captures on their pages while the test crashes one renderer.
        String victimUrl = fixtures.url("/fixtures/lobby.html?role=victim");
        Set<String> ownFolders;
        try (StubServer server = startStub(1, 3600, "{\"settle_ms\": 4000}")) {
            CompletableFuture<HttpResponse<byte[]>> victim = screenshotAsync(server, victimUrl);
            CompletableFuture<HttpResponse<byte[]>> bystander =
                    screenshotAsync(server, fixtures.url("/fixtures/lobby.html?role=bystander"));
            long browserPid = awaitStubBrowserPid();
            ownFolders = ChromiumTestSupport.userDataDirs(List.of(browserPid));

            try (CdpConnection devTools = connectToBrowser(ownFolders.iterator().next())) {
                String targetId = awaitPageTarget(devTools, victimUrl, "Lobby - Fixture Casino");
                String session = devTools.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                        .get(10, TimeUnit.SECONDS).path("sessionId").asText();
                // The renderer dies before it replies, so the test does not wait for a result.
                devTools.send(session, "Page.crash", Map.of());

                HttpResponse<byte[]> crashed = victim.get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
                HttpResponse<byte[]> survived = bystander.get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(crashed.statusCode()).as(body(crashed)).isEqualTo(502);
                assertThat(crashed.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(json(crashed).path("error").asText()).isEqualTo("renderer_crashed");
                assertThat(survived.statusCode()).as("the other capture in the same browser: " + body(survived))
                        .isEqualTo(200);
            }

            for (String page : List.of("/fixtures/lobby.html", "/fixtures/canvas.html")) {
                HttpResponse<byte[]> next = screenshotAsync(server, fixtures.url(page))
                        .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(next.statusCode()).as(page + " after the crash: " + body(next)).isEqualTo(200);
            }
            assertThat(metric(server, "screenshot_browsers_crashed_total")).as("browser crashes").isEqualTo(0.0);
            assertThat(metric(server, "screenshot_browsers_launched_total")).as("browsers started").isEqualTo(1.0);
            assertThat(ProcessHandle.of(browserPid).map(ProcessHandle::isAlive)).as("the browser process")
                    .hasValue(true);
        }

        assertThat(ChromiumTestSupport.pidsUsing(ownFolders)).as("Chromium processes after the stub stopped").isEmpty();
    }

    @Test
    void killedRendererFailsCaptureInCommand() throws Exception {
        String hungUrl = fixtures.url("/test/hangs-after-load.html");
        Set<String> ownFolders;
        try (StubServer server = startStub(1, 3600, "{}")) {
            CompletableFuture<HttpResponse<byte[]>> hung = screenshotAsync(server, hungUrl);
            long browserPid = awaitStubBrowserPid();
            ownFolders = ChromiumTestSupport.userDataDirs(List.of(browserPid));
            try (CdpConnection devTools = connectToBrowser(ownFolders.iterator().next())) {
                awaitPageTarget(devTools, hungUrl, "Hangs after load");
            }
            // By now the capture waits for a DevTools command that the busy renderer does not run.
            Thread.sleep(1000);

            // Only this capture runs on the browser, so its renderer is among these and the others are idle.
            List<ProcessHandle> renderers = rendererProcesses(browserPid);
            assertThat(renderers).as("renderer processes of the stub's browser").isNotEmpty();
            renderers.forEach(ProcessHandle::destroyForcibly);
            HttpResponse<byte[]> crashed = hung.get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(crashed.statusCode()).as(body(crashed)).isEqualTo(502);
            assertThat(json(crashed).path("error").asText()).as(body(crashed)).isEqualTo("renderer_crashed");
            HttpResponse<byte[]> next = screenshotAsync(server, fixtures.url("/fixtures/lobby.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(next.statusCode()).as("the next capture: " + body(next)).isEqualTo(200);
            assertThat(metric(server, "screenshot_browsers_launched_total")).as("browsers started").isEqualTo(1.0);
        }

        assertThat(ChromiumTestSupport.pidsUsing(ownFolders)).as("Chromium processes after the stub stopped").isEmpty();
    }

    @Test
    void agedBrowserRecycledAfterItsCapture() throws Exception {
        // The slow image and the settle make the first capture outlive the 2 s age limit by several seconds.
        int maxAgeSeconds = 2;
        try (StubServer server = startStub(2, maxAgeSeconds, "{\"settle_ms\": 4000}")) {
            CompletableFuture<HttpResponse<byte[]>> first = screenshotAsync(server, fixtures.url("/test/slow.html"));
            ProcessHandle firstBrowser = ProcessHandle.of(awaitStubBrowserPid()).orElseThrow();
            Instant overAgeAndChecked = firstBrowser.info().startInstant().orElseThrow()
                    .plusSeconds(maxAgeSeconds)
                    .plus(BrowserPool.MONITOR_INTERVAL)
                    .plusMillis(500);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), overAgeAndChecked).toMillis()));

            assertThat(first.isDone()).as("the first capture still runs past the age limit").isFalse();
            assertThat(recycledByAge(server)).as("recycled while its capture runs").isEqualTo(0.0);
            assertThat(firstBrowser.isAlive()).as("the aged browser while its capture runs").isTrue();
            // The aged browser takes no new capture, so this one starts a second browser.
            HttpResponse<byte[]> during = screenshotAsync(server, fixtures.url("/fixtures/lobby.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(during.statusCode()).as(body(during)).isEqualTo(200);
            assertThat(metric(server, "screenshot_browsers_launched_total")).as("browsers started").isEqualTo(2.0);

            HttpResponse<byte[]> firstResponse = first.get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(firstResponse.statusCode()).as(body(firstResponse)).isEqualTo(200);
            awaitTrue(() -> recycledByAge(server) >= 1.0, Duration.ofSeconds(10));
            assertThat(recycledByAge(server)).as("browsers recycled by age").isGreaterThanOrEqualTo(1.0);
            assertThat(firstBrowser.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("the aged browser").isFalse();

            HttpResponse<byte[]> after = screenshotAsync(server, fixtures.url("/fixtures/canvas.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(after.statusCode()).as(body(after)).isEqualTo(200);
            assertThat(metric(server, "screenshot_browsers_crashed_total")).as("browser crashes").isEqualTo(0.0);
        }
    }

    @Test
    void pageWithoutLoadCapturedAtLoadTimeout() throws Exception {
        try (StubServer server = startStub(1, 3600, "{\"load_timeout_ms\": 1500, \"hard_deadline_ms\": 5000}")) {
            long startNanos = System.nanoTime();

            HttpResponse<byte[]> response = screenshotAsync(server, fixtures.url("/test/never-loads.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);

            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            assertThat(fixtures.heldRequests()).as("requests for the held image").isGreaterThanOrEqualTo(1);
            assertThat(response.statusCode()).as(body(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(elapsedMillis).as("waited for load_timeout_ms").isGreaterThanOrEqualTo(1500);
            assertThat(elapsedMillis).as("ended before hard_deadline_ms").isLessThan(5000);
        }
    }

    @Test
    void hungPageFailsAtHardDeadline() throws Exception {
        int hardDeadlineMillis = 4000;
        String chromium = "{\"load_timeout_ms\": 1500, \"hard_deadline_ms\": %d}".formatted(hardDeadlineMillis);
        try (StubServer server = startStub(1, 3600, chromium)) {
            long startNanos = System.nanoTime();

            HttpResponse<byte[]> response = screenshotAsync(server, fixtures.url("/test/hangs-after-load.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);

            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            assertThat(response.statusCode()).as(body(response)).isEqualTo(504);
            assertThat(json(response).path("error").asText()).isEqualTo("capture_timeout");
            assertThat(json(response).path("message").asText()).as("names the step the page blocked")
                    .endsWith("it was stopping animations and waiting for web fonts.");
            assertThat(elapsedMillis).as("ended at hard_deadline_ms").isGreaterThanOrEqualTo(hardDeadlineMillis);
            assertThat(elapsedMillis).as("ended soon after hard_deadline_ms").isLessThan(hardDeadlineMillis + 5000L);

            HttpResponse<byte[]> next = screenshotAsync(server, fixtures.url("/fixtures/lobby.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(next.statusCode()).as("the next capture: " + body(next)).isEqualTo(200);
            assertThat(metric(server, "screenshot_browsers_launched_total")).as("browsers started").isEqualTo(1.0);
            assertThat(metric(server, "screenshot_browsers_crashed_total")).as("browser crashes").isEqualTo(0.0);
        }
    }

    @Test
    void requestDeadlineBeforeHardDeadlineAnswersTimeout() throws Exception {
        String chromium = "{\"load_timeout_ms\": 1000, \"hard_deadline_ms\": 8000}";
        try (StubServer server = startStub(1, 3600, chromium, "{\"default_timeout\": 2}")) {
            long startNanos = System.nanoTime();

            HttpResponse<byte[]> response = screenshotAsync(server, fixtures.url("/test/hangs-after-load.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);

            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            assertThat(response.statusCode()).as(body(response)).isEqualTo(504);
            assertThat(json(response).path("error").asText()).isEqualTo("timeout");
            assertThat(json(response).path("message").asText()).contains("screenshot_queue.default_timeout = 2 s");
            assertThat(elapsedMillis).as("ended at the request deadline").isBetween(2000L, 7000L);
        }
    }

    /** Starts a stub with the chromium backend that may load the fixture server's pages. */
    private StubServer startStub(int maxPoolSize, int maxBrowserAgeSeconds, String chromiumSection) {
        return startStub(maxPoolSize, maxBrowserAgeSeconds, chromiumSection, "{}");
    }

    private StubServer startStub(int maxPoolSize, int maxBrowserAgeSeconds, String chromiumSection,
            String queueSection) {
        String config = """
                {"browser_pool": {"max_pool_size": %d, "max_browser_age_seconds": %d},
                 "screenshot_queue": %s,
                 "chromium": %s,
                 "url_policy": {"allowed_origins": ["%s"]}}
                """.formatted(maxPoolSize, maxBrowserAgeSeconds, queueSection, chromiumSection, fixtures.origin());
        return StubServer.start(StubConfig.parse(config), "127.0.0.1", 0, CaptureBackends.forName("chromium"));
    }

    private CompletableFuture<HttpResponse<byte[]>> screenshotAsync(StubServer server, String pageUrl) {
        URI uri = server.baseUrl().resolve("/screenshot?width=640&height=480&url="
                + URLEncoder.encode(pageUrl, StandardCharsets.UTF_8));
        return http.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private double metric(StubServer server, String sampleName) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sampleName) + " (\\S+)$").matcher(response.body());
        if (!matcher.find()) {
            throw new AssertionError("No sample " + sampleName + " in /metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }

    private double recycledByAge(StubServer server) {
        return metric(server, "screenshot_browsers_recycled_total{reason=\"age\"}");
    }

    /**
     * Waits for the browser process of the stub in this JVM: a child Chromium with a shotload user data
     * directory and no {@code --type} flag, which only the browser process lacks.
     */
    private static long awaitStubBrowserPid() throws InterruptedException {
        long[] found = new long[1];
        awaitTrue(() -> {
            List<Long> browsers = ProcessHandle.current().descendants()
                    .map(ProcessHandle::pid)
                    .filter(pid -> isBrowserProcess(commandLine(pid)))
                    .toList();
            if (browsers.size() == 1) {
                found[0] = browsers.get(0);
            }
            return browsers.size() == 1;
        }, Duration.ofSeconds(30));
        return found[0];
    }

    private static boolean isBrowserProcess(String commandLine) {
        return commandLine.contains("shotload-chromium-") && !commandLine.contains("--type=");
    }

    /**
     * Returns the renderer processes under a browser. Chromium rewrites the command line of the processes
     * its zygote forks into one space-separated string, so the test reads /proc rather than
     * {@link ProcessHandle.Info#arguments()}.
     */
    private static List<ProcessHandle> rendererProcesses(long browserPid) {
        return ProcessHandle.of(browserPid).orElseThrow().descendants()
                .filter(process -> commandLine(process.pid()).contains("--type=renderer"))
                .toList();
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException exited) {
            return "";
        }
    }

    /**
     * Opens a second DevTools connection to a browser, at the address Chromium writes to
     * {@code DevToolsActivePort} in its user data directory when started with {@code --remote-debugging-port=0}.
     */
    private static CdpConnection connectToBrowser(String userDataDirArgument) throws Exception {
        Path portFile = Path.of(userDataDirArgument.substring("--user-data-dir=".length()), "DevToolsActivePort");
        awaitTrue(() -> Files.isReadable(portFile), Duration.ofSeconds(10));
        List<String> lines = Files.readAllLines(portFile);
        URI webSocketUrl = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        return CdpConnection.open("test-devtools", webSocketUrl, Duration.ofSeconds(10));
    }

    /**
     * Waits until a page target shows {@code url} and {@code title}. The URL alone is not enough: it can
     * change before the new document commits, and a crash then hits the renderer of the previous one.
     */
    private static String awaitPageTarget(CdpConnection devTools, String url, String title)
            throws InterruptedException {
        String[] targetId = new String[1];
        awaitTrue(() -> {
            JsonNode targets = devTools.send("Target.getTargets", Map.of()).join().path("targetInfos");
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page") && target.path("url").asText().equals(url)
                        && target.path("title").asText().equals(title)) {
                    targetId[0] = target.path("targetId").asText();
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(20));
        return targetId[0];
    }

    /** Polls {@code condition} every 100 ms; fails the test when it is still false after {@code timeout}. */
    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long waitUntil = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > waitUntil) {
                throw new AssertionError("Condition still false after " + timeout.toMillis() + " ms");
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
