package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recycling, crashes and browser timeouts of the modelled browser pool, as counted in {@code /metrics}. */
class BrowserLifecycleTest {

    private static final String SMALL_IMAGE = "width=64&height=64";

    @Test
    void ageRecyclingIsCountedAndCharged() {
        double timeScale = 0.1;
        String config = """
                {"browser_pool": {"max_pool_size": 2, "max_browser_age_seconds": 1},
                 "mock": {"capture_median_millis": 200, "capture_min_millis": 200, "capture_max_millis": 200,
                          "capture_log_sd": 0, "slow_fraction": 0, "failure_fraction": 0,
                          "browser_launch_millis": 1000, "time_scale": %s}}""".formatted(timeScale);
        List<Double> captureModelMillis = new ArrayList<>();
        double recycled;
        double launched;
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            // Sequential captures all run in browser 0, which passes its 1 s model age every few captures.
            for (int i = 0; i < 30; i++) {
                captureModelMillis.add(StubClient.captureMillis(client.screenshot(SMALL_IMAGE)) / timeScale);
            }
            recycled = labelled(client, "screenshot_browsers_recycled_total", "max_age");
            launched = PrometheusMetrics.value(client, "screenshot_browsers_launched_total");
        }

        long charged = captureModelMillis.stream().filter(millis -> millis > 1100).count();
        assertThat(recycled).as("recycled for age").isGreaterThanOrEqualTo(3.0);
        assertThat(launched).as("2 at start plus one per recycle").isEqualTo(2 + recycled);
        assertThat((double) charged).as("captures that paid the 1000 ms relaunch").isEqualTo(recycled);
    }

    @Test
    void browserTimeoutFailsAndRecycles() {
        String config = """
                {"browser_pool": {"browser_timeout_seconds": 1},
                 "mock": {"capture_median_millis": 2000, "capture_min_millis": 2000, "capture_max_millis": 2000,
                          "capture_log_sd": 0, "slow_fraction": 0, "failure_fraction": 0, "time_scale": 0.05}}""";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            for (int i = 0; i < 4; i++) {
                HttpResponse<byte[]> response = client.screenshot(SMALL_IMAGE);

                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(StubClient.json(response).path("error").asText()).isEqualTo("browser_timeout");
            }

            assertThat(labelled(client, "screenshot_browsers_recycled_total", "timeout")).isEqualTo(4.0);
            assertThat(PrometheusMetrics.value(client, "screenshot_requests_total{status=\"500\"}")).isEqualTo(4.0);
        }
    }

    @Test
    void failuresCountAsCrashes() {
        String config = "{\"browser_pool\": {\"max_pool_size\": 2}," + TestServers.constantMock(200, 0, 1, 0.05) + "}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            for (int i = 0; i < 5; i++) {
                HttpResponse<byte[]> response = client.screenshot(SMALL_IMAGE);

                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(StubClient.json(response).path("error").asText()).isEqualTo("capture_failed");
            }

            assertThat(PrometheusMetrics.value(client, "screenshot_browsers_crashed_total")).isEqualTo(5.0);
            assertThat(PrometheusMetrics.value(client, "screenshot_browsers_launched_total"))
                    .as("2 at start plus a relaunch before each capture after the first crash").isEqualTo(6.0);
        }
    }

    private static double labelled(StubClient client, String name, String reason) {
        return PrometheusMetrics.value(client, name + "{reason=\"" + reason + "\"}");
    }
}
