package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shotload.stub.StubServer;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.StubConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the stub with the chromium backend handles pages that never finish loading. Each test starts its own stub on 127.0.0.1 and talks to it over HTTP. The
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
            assertThat(elapsedMillis).as("ended at hard_deadline_ms").isGreaterThanOrEqualTo(hardDeadlineMillis);
            assertThat(elapsedMillis).as("ended soon after hard_deadline_ms").isLessThan(hardDeadlineMillis + 5000L);

            HttpResponse<byte[]> next = screenshotAsync(server, fixtures.url("/fixtures/lobby.html"))
                    .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(next.statusCode()).as("the next capture: " + body(next)).isEqualTo(200);
            assertThat(metric(server, "screenshot_browsers_launched_total")).as("browsers started").isEqualTo(1.0);
            assertThat(metric(server, "screenshot_browsers_crashed_total")).as("browser crashes").isEqualTo(0.0);
        }
    }

    /** Starts a stub with the chromium backend that may load the fixture server's pages. */
    private StubServer startStub(int maxPoolSize, int maxBrowserAgeSeconds, String chromiumSection) {
        String config = """
                {"browser_pool": {"max_pool_size": %d, "max_browser_age_seconds": %d},
                 "chromium": %s,
                 "url_policy": {"allowed_origins": ["%s"]}}
                """.formatted(maxPoolSize, maxBrowserAgeSeconds, chromiumSection, fixtures.origin());
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

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
