package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.config.StubConfig;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The URL policy for requests that child targets make: iframes from other origins, requests inside an
 * out-of-process iframe, and dedicated workers. Every server is on 127.0.0.0/8.
 *
 * <p>The egress proxy would also block, and count, a request that the Fetch guard missed. So each
 * blocked site is listed as an https origin: its host and port are then in Chromium's proxy bypass
 * list and its http URLs go direct, while the Fetch guard, which compares whole origins, still blocks
 * them. The silent servers and the block counters therefore show that the DevTools Fetch domain
 * stopped each request.
 */
class ChromiumChildTargetGuardTest {

    /**
     * Wait after load, long enough for a worker to start and send its fetch before the capture ends and
     * the browser context (with the worker) is disposed.
     */
    private static final String SLOW_SETTLE_CONFIG = """
            {"browser_pool": {"max_pool_size": 1}, "chromium": {"settle_ms": 2000}%s}""";

    @BeforeAll
    static void assumeChromiumInstalled() {
        Path chromium = Path.of(ChromiumConfig.DEFAULT_EXECUTABLE_PATH);
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium
                + "; run apt-get install -y chromium");
    }

    @Test
    void otherOriginFrameAndWorkerFetchBlocked() {
        try (LoopbackSite otherOrigin = new LoopbackSite("127.0.0.1")) {
            String bypassOnly = ", \"url_policy\": {\"allowed_origins\": [\"%s\"]}"
                    .formatted(httpsOrigin(otherOrigin));
            StubConfig config = StubConfig.parse(SLOW_SETTLE_CONFIG.formatted(bypassOnly));
            try (StubServer server = StubServer.start(config, "127.0.0.1", 0, CaptureBackends.forName("chromium"))) {
                StubClient client = new StubClient(server);
                double loopbackBefore = blockedTotal(client, "loopback");
                String page = server.baseUrl() + "/fixtures/guarded.html?port=" + otherOrigin.port(0);

                HttpResponse<byte[]> response = client.get("/screenshot?url=" + encode(page)
                        + "&width=640&height=480");

                assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                // One block for the iframe's document, one for the worker's fetch.
                assertThat(blockedTotal(client, "loopback")).isEqualTo(loopbackBefore + 2);
                assertThat(otherOrigin.requestedPaths()).as("requests that reached the other origin").isEmpty();
            }
        }
    }

    @Test
    void requestsInsideOutOfProcessFrameBlocked() {
        // 127.0.0.2 and 127.0.0.3 are different sites, so with site isolation the frame runs in its own
        // renderer process and is a child target with its own DevTools session.
        try (LoopbackSite blocked = new LoopbackSite("127.0.0.1");
                LoopbackSite allowed = new LoopbackSite("127.0.0.2", "127.0.0.3")) {
            String blockedUrl = blocked.origin(0) + "/from-frame";
            allowed.page("/top.html", "text/html", """
                    <!doctype html><title>Top</title>
                    <iframe src="%s/frame.html" width="300" height="100"></iframe>
                    """.formatted(allowed.origin(1)));
            allowed.page("/frame.html", "text/html", """
                    <!doctype html><title>Frame</title><p>frame</p>
                    <script>
                      fetch('%1$s?by=frame').catch(() => {});
                      new Worker('worker.js').postMessage('%1$s?by=worker');
                    </script>
                    """.formatted(blockedUrl));
            allowed.page("/worker.js", "text/javascript",
                    "onmessage = event => fetch(event.data).catch(() => {});");
            String allowedOrigins = ", \"url_policy\": {\"allowed_origins\": [\"%s\", \"%s\", \"%s\"]}"
                    .formatted(allowed.origin(0), allowed.origin(1), httpsOrigin(blocked));
            StubConfig config = StubConfig.parse(SLOW_SETTLE_CONFIG.formatted(allowedOrigins));

            try (StubServer server = StubServer.start(config, "127.0.0.1", 0, CaptureBackends.forName("chromium"))) {
                StubClient client = new StubClient(server);
                double loopbackBefore = blockedTotal(client, "loopback");
                String page = allowed.origin(0) + "/top.html";

                HttpResponse<byte[]> response = client.get("/screenshot?url=" + encode(page) + "&width=640&height=480");

                assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                assertThat(allowed.requestedPaths()).as("the frame and its worker loaded")
                        .contains("/top.html", "/frame.html", "/worker.js");
                assertThat(blockedTotal(client, "loopback")).as("the frame's fetch and its worker's fetch")
                        .isEqualTo(loopbackBefore + 2);
                assertThat(blocked.requestedPaths()).as("requests that reached the blocked origin").isEmpty();
            }
        }
    }

    /** Returns the https origin on the site's first host and port, which the site itself never serves. */
    private static String httpsOrigin(LoopbackSite site) {
        return site.origin(0).replace("http://", "https://");
    }

    private static double blockedTotal(StubClient client, String reason) {
        return PrometheusMetrics.value(client, "screenshot_blocked_total{reason=\"" + reason + "\"}");
    }

    private static String encode(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }
}
