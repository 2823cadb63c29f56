package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final String SMALL_IMAGE = "width=64&height=64";

    @Test
    void fullQueueReturns429WithRetryAfter() {
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 5, \"max_queue_size\": 5, \"default_timeout\": 30},"
                + TestServers.constantMock(1000, 0, 0, 0.5) + "}";
        List<HttpResponse<byte[]>> responses;
        try (StubServer server = TestServers.start(config)) {
            responses = new StubClient(server).screenshotsConcurrently(SMALL_IMAGE, 30, 30);
        }

        List<HttpResponse<byte[]>> rejected = responses.stream().filter(response -> response.statusCode() == 429).toList();
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isIn(200, 429));
        assertThat(responses.stream().filter(response -> response.statusCode() == 200)).hasSize(10);
        assertThat(rejected).hasSize(20);
        assertThat(rejected).allSatisfy(response -> {
            long retryAfterSeconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfterSeconds).isBetween(1L, 30L);
            assertThat(StubClient.json(response).path("error").asText()).isEqualTo("queue_full");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        });
    }

    @Test
    void retryAfterGrowsWithQueueDepth() {
        // Before any capture ends the estimate is 1 s per capture: ceil((depth + 1) x 1 s / max_concurrent).
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 1, \"max_queue_size\": 4, \"default_timeout\": 60},"
                + TestServers.constantMock(5000, 0, 0, 1) + "}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            List<CompletableFuture<HttpResponse<byte[]>>> holders = List.of(
                    client.screenshotAsync(SMALL_IMAGE), client.screenshotAsync(SMALL_IMAGE),
                    client.screenshotAsync(SMALL_IMAGE), client.screenshotAsync(SMALL_IMAGE),
                    client.screenshotAsync(SMALL_IMAGE));
            awaitQueueDepth(client, 4);

            HttpResponse<byte[]> rejected = client.screenshot(SMALL_IMAGE);

            assertThat(rejected.statusCode()).isEqualTo(429);
            assertThat(rejected.headers().firstValue("Retry-After")).hasValue("5");
            server.close();
            holders.forEach(holder -> holder.handle((response, error) -> null));
        }
    }

    @Test
    void slowCaptureTimesOutWith504AtDeadline() {
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 1, \"max_queue_size\": 5, \"default_timeout\": 1},"
                + TestServers.constantMock(5000, 0, 0, 1) + "}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            long startNanos = System.nanoTime();
            CompletableFuture<HttpResponse<byte[]>> capturing = client.screenshotAsync(SMALL_IMAGE);
            CompletableFuture<HttpResponse<byte[]>> queued = client.screenshotAsync(SMALL_IMAGE);

            // The two requests race to the server, so the one that waited in the queue is found by its timing.
            List<HttpResponse<byte[]>> byQueueWait = Stream.of(capturing.join(), queued.join())
                    .sorted(Comparator.comparingDouble(StubClient::queueMillis))
                    .toList();
            double elapsedMillis = (System.nanoTime() - startNanos) / 1e6;
            HttpResponse<byte[]> first = byQueueWait.get(0);
            HttpResponse<byte[]> second = byQueueWait.get(1);

            assertThat(first.statusCode()).isEqualTo(504);
            assertThat(second.statusCode()).isEqualTo(504);
            assertThat(StubClient.json(first).path("error").asText()).isEqualTo("timeout");
            assertThat(elapsedMillis).as("both answered at the 1 s deadline").isBetween(950.0, 1400.0);
            assertThat(StubClient.captureMillis(first)).as("first was capturing").isCloseTo(1000, within(100.0));
            assertThat(StubClient.queueMillis(second)).as("second waited in the queue").isCloseTo(1000, within(100.0));
            // The first capture is aborted at its deadline and hands its slot to the second, whose own
            // deadline falls within the same few milliseconds.
            assertThat(StubClient.captureMillis(second)).as("second captured for a moment at most").isLessThan(50.0);
            assertThat(StubClient.json(second).path("message").asText())
                    .startsWith("The request did not finish within screenshot_queue.default_timeout = 1 s");
            assertThat(PrometheusMetrics.value(client, "screenshot_captures_running"))
                    .as("the aborted capture freed its slot").isEqualTo(0.0);
        }
    }

    @Test
    void queuedRequestsStartInArrivalOrder() {
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 1, \"max_queue_size\": 10},"
                + TestServers.constantMock(200, 0, 0, 0.5) + "}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            CompletableFuture<HttpResponse<byte[]>> first = client.screenshotAsync(SMALL_IMAGE);
            awaitRunning(client);
            CompletableFuture<HttpResponse<byte[]>> second = client.screenshotAsync(SMALL_IMAGE);
            awaitQueueDepth(client, 1);
            CompletableFuture<HttpResponse<byte[]>> third = client.screenshotAsync(SMALL_IMAGE);
            awaitQueueDepth(client, 2);

            double firstQueue = StubClient.queueMillis(first.join());
            double secondQueue = StubClient.queueMillis(second.join());
            double thirdQueue = StubClient.queueMillis(third.join());

            assertThat(firstQueue).isLessThan(secondQueue);
            assertThat(secondQueue).isLessThan(thirdQueue);
        }
    }

    private static void awaitQueueDepth(StubClient client, int depth) {
        awaitMetric(client, "screenshot_queue_depth", depth);
    }

    private static void awaitRunning(StubClient client) {
        awaitMetric(client, "screenshot_captures_running", 1);
    }

    private static void awaitMetric(StubClient client, String gauge, double expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (PrometheusMetrics.value(client, gauge) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(gauge + " did not reach " + expected + " within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
