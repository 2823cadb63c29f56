package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.config.StubConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub server with {@code --backend chromium}: real captures of its own fixture site. */
class ChromiumStubServerTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @BeforeAll
    static void assumeChromiumInstalled() {
        Path chromium = Path.of(ChromiumConfig.DEFAULT_EXECUTABLE_PATH);
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium
                + "; run apt-get install -y chromium");
    }

    @Test
    void fixturePageIsCapturedAsPng() throws Exception {
        StubConfig config = StubConfig.parse("{\"browser_pool\": {\"max_pool_size\": 1}}");
        try (StubServer server = StubServer.start(config, "127.0.0.1", 0, CaptureBackends.forName("chromium"))) {
            StubClient client = new StubClient(server);
            String page = server.baseUrl() + "/fixtures/lobby.html";

            HttpResponse<byte[]> response = client.get("/screenshot?url=" + encode(page) + "&width=800&height=600");

            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(response.body()).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(600);
            assertThat(PrometheusMetrics.value(client, "screenshot_browsers_launched_total")).isGreaterThan(0);
            assertThat(server.backendName()).isEqualTo("chromium");
        }

        List<ProcessHandle> leftovers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        assertThat(leftovers).as("child processes left after close").isEmpty();
    }

    @Test
    void otherLoopbackOriginIsBlocked() {
        StubConfig config = StubConfig.parse("{\"browser_pool\": {\"max_pool_size\": 1}}");
        try (StubServer server = StubServer.start(config, "127.0.0.1", 0, CaptureBackends.forName("chromium"))) {
            StubClient client = new StubClient(server);
            String otherPort = "http://127.0.0.1:" + (server.port() == 65_535 ? 65_534 : server.port() + 1) + "/";

            HttpResponse<byte[]> response = client.get("/screenshot?url=" + encode(otherPort));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(StubClient.json(response).path("error").asText()).isEqualTo("blocked_url");
        }
    }

    @Test
    void configShowsChromiumSections() {
        StubConfig config = StubConfig.parse("{\"chromium\": {\"pages_per_browser\": 2}}");
        try (StubServer server = StubServer.start(config, "127.0.0.1", 0, CaptureBackends.forName("chromium"))) {
            JsonNode shown = StubClient.json(new StubClient(server).get("/config"));

            assertThat(shown.path("chromium").path("pages_per_browser").asInt()).isEqualTo(2);
            assertThat(shown.path("url_policy").path("block_service_workers").asBoolean()).isTrue();
        }
    }

    @Test
    void mockBackendServesFixtureSite() {
        try (StubServer server = StubServer.start(StubConfig.defaults(), "127.0.0.1", 0)) {
            HttpResponse<byte[]> response = new StubClient(server).get("/fixtures/lobby.html");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
        }
    }

    private static String encode(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }
}
