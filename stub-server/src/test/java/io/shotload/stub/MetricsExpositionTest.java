package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Parses {@code /metrics} with the Python reference parser and checks families, types and values. */
class MetricsExpositionTest {

    private static final double MEBIBYTE = 1024 * 1024;
    private static final String SMALL_IMAGE = "width=64&height=64";

    @Test
    void metricsParseWithExpectedValues() throws Exception {
        String config = "{" + TestServers.constantMock(200, 0, 0, 0.05) + "}";
        JsonNode families;
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            for (int i = 0; i < 3; i++) {
                assertThat(client.screenshot(SMALL_IMAGE).statusCode()).isEqualTo(200);
            }
            client.screenshot("width=0");
            client.screenshot("type=pdf");

            families = PrometheusTextParser.parse(client.metricsText());
        }

        assertThat(families.path("screenshot_requests").path("type").asText()).isEqualTo("counter");
        assertThat(sample(families, "screenshot_requests", "screenshot_requests_total", "status", "200")).isEqualTo(3.0);
        assertThat(sample(families, "screenshot_requests", "screenshot_requests_total", "status", "400")).isEqualTo(2.0);
        assertThat(sample(families, "screenshot_requests", "screenshot_requests_total", "status", "429")).isEqualTo(0.0);

        assertThat(families.path("screenshot_capture_duration_seconds").path("type").asText()).isEqualTo("histogram");
        assertThat(sample(families, "screenshot_capture_duration_seconds", "screenshot_capture_duration_seconds_count"))
                .isEqualTo(3.0);
        assertThat(sample(families, "screenshot_capture_duration_seconds", "screenshot_capture_duration_seconds_bucket",
                "le", "1.0")).as("captures of 10 ms real, the first one waiting for its image render").isEqualTo(3.0);
        assertThat(families.path("screenshot_queue_wait_seconds").path("type").asText()).isEqualTo("histogram");
        assertThat(sample(families, "screenshot_queue_wait_seconds", "screenshot_queue_wait_seconds_count")).isEqualTo(3.0);

        assertThat(families.path("screenshot_timer_lateness_seconds").path("type").asText()).isEqualTo("summary");
        assertThat(sample(families, "screenshot_timer_lateness_seconds", "screenshot_timer_lateness_seconds_count"))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(sample(families, "screenshot_timer_lateness_seconds", "screenshot_timer_lateness_seconds",
                "quantile", "0.99")).isBetween(0.0, 1.0);

        assertThat(families.path("screenshot_queue_depth").path("type").asText()).isEqualTo("gauge");
        assertThat(sample(families, "screenshot_queue_depth", "screenshot_queue_depth")).isEqualTo(0.0);
        assertThat(sample(families, "screenshot_captures_running", "screenshot_captures_running")).isEqualTo(0.0);
        assertThat(sample(families, "screenshot_browsers", "screenshot_browsers")).isEqualTo(5.0);
        assertThat(sample(families, "screenshot_browsers_launched", "screenshot_browsers_launched_total")).isEqualTo(5.0);
        assertThat(sample(families, "screenshot_browsers_recycled", "screenshot_browsers_recycled_total",
                "reason", "max_age")).isEqualTo(0.0);
        assertThat(sample(families, "screenshot_browsers_recycled", "screenshot_browsers_recycled_total",
                "reason", "timeout")).isEqualTo(0.0);
        assertThat(sample(families, "screenshot_browsers_crashed", "screenshot_browsers_crashed_total")).isEqualTo(0.0);
        assertThat(sample(families, "screenshot_memory_resident_bytes", "screenshot_memory_resident_bytes"))
                .as("50 MiB + 5 browsers x 120 MiB").isEqualTo(650 * MEBIBYTE);
        assertThat(sample(families, "jvm_memory_used_bytes", "jvm_memory_used_bytes", "area", "heap")).isPositive();
    }

    @Test
    void memoryModelCountsRunningCaptures() throws Exception {
        String config = "{" + TestServers.constantMock(3000, 0, 0, 1) + "}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            List<CompletableFuture<HttpResponse<byte[]>>> running = List.of(
                    client.screenshotAsync(SMALL_IMAGE), client.screenshotAsync(SMALL_IMAGE), client.screenshotAsync(SMALL_IMAGE));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (PrometheusMetrics.value(client, "screenshot_captures_running") < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            JsonNode families = PrometheusTextParser.parse(client.metricsText());

            assertThat(sample(families, "screenshot_captures_running", "screenshot_captures_running")).isEqualTo(3.0);
            assertThat(sample(families, "screenshot_memory_resident_bytes", "screenshot_memory_resident_bytes"))
                    .as("50 MiB + 5 x 120 MiB + 3 x 60 MiB").isEqualTo(830 * MEBIBYTE);
            server.close();
            running.forEach(future -> future.handle((response, error) -> null));
        }
    }

    private static double sample(JsonNode families, String family, String sampleName, String... labels) {
        return PrometheusTextParser.sample(families, family, sampleName, labels);
    }
}
