package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A thousand delayed requests in flight at once, all completed on time, with the timer on schedule. The
 * benchmark script measures 10,000 with an external client; this test keeps the suite fast.
 */
class InFlightCapacityTest {

    private static final int REQUESTS = 1000;
    private static final String SMALL_IMAGE = "width=16&height=16";

    @Test
    void thousandDelayedRequestsInFlight() {
        // Each capture takes 2 s and the requests arrive over 1 s, so all 1,000 are in flight at 1.5 s.
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 1000, \"max_queue_size\": 0},"
                + TestServers.constantMock(2000, 0, 0, 1) + "}";
        List<HttpResponse<byte[]>> responses;
        double peakRunning;
        Histogram latenessNanos;
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            // A first round warms up the JIT compiler and opens the connections; only the second is measured.
            sendPaced(client).forEach(CompletableFuture::join);
            Histogram before = server.timerLatenessNanos();

            List<CompletableFuture<HttpResponse<byte[]>>> futures = sendPaced(client);
            LockSupport.parkNanos(500_000_000L);
            peakRunning = PrometheusMetrics.value(client, "screenshot_captures_running");
            responses = futures.stream().map(CompletableFuture::join).toList();
            latenessNanos = server.timerLatenessNanos();
            latenessNanos.subtract(before);
        }

        assertThat(peakRunning).as("captures running at the peak").isEqualTo(REQUESTS);
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(latenessNanos.getTotalCount()).as("timer tasks run in the measured round").isGreaterThanOrEqualTo(REQUESTS);
        // The benchmark checks the 5 ms target with wrk in its own process. Here the test's HTTP client
        // shares the 2 cores with the server, so the bound is 10 ms: loose enough for that, tight enough
        // to catch a timer that falls behind.
        assertThat(latenessNanos.getValueAtPercentile(99) / 1e6).as("timer lateness p99 in ms").isLessThan(10.0);
    }

    /** Sends {@link #REQUESTS} requests, one per millisecond, and returns without waiting for the responses. */
    private static List<CompletableFuture<HttpResponse<byte[]>>> sendPaced(StubClient client) {
        List<CompletableFuture<HttpResponse<byte[]>>> futures = new ArrayList<>();
        long startNanos = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            long dueNanos = startNanos + i * 1_000_000L;
            LockSupport.parkNanos(dueNanos - System.nanoTime());
            futures.add(client.screenshotAsync(SMALL_IMAGE));
        }
        return futures;
    }
}
