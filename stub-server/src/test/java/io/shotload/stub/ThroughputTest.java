package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop throughput with the default model, ten times faster ({@code time_scale} 0.1, so the think
 * time of the default load plan, 1 s, becomes 100 ms). The mean-value estimates in
 * {@code MockCaptureModel} predict the ratios checked here.
 */
class ThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputTest.class);
    private static final double TIME_SCALE = 0.1;
    private static final long WARM_UP_MILLIS = 1000;

    @Test
    void fifteenClientsSlowerThanTen() throws InterruptedException {
        double tenClients = successesPerSecond(10, 0, 6000);
        double fifteenClients = successesPerSecond(15, 0, 6000);
        LOG.info("Closed loop without think time, 200 responses per real second: 10 clients {}, 15 clients {}",
                String.format("%.1f", tenClients), String.format("%.1f", fifteenClients));

        // Estimate: 3.11 and 2.40 req/s in model time, a ratio of 0.77.
        assertThat(fifteenClients / tenClients).as("throughput ratio 15/10 clients (%.1f/s vs %.1f/s)",
                fifteenClients, tenClients).isLessThan(0.9);
    }

    @Test
    void thinkTimeThroughputPeaksAtTen() throws InterruptedException {
        long thinkMillis = Math.round(1000 * TIME_SCALE);
        double sixUsers = successesPerSecond(6, thinkMillis, 8000);
        double tenUsers = successesPerSecond(10, thinkMillis, 8000);
        double fifteenUsers = successesPerSecond(15, thinkMillis, 8000);
        LOG.info("Closed loop with {} ms think time, 200 responses per real second: 6 users {}, 10 users {}, 15 users {}",
                thinkMillis, String.format("%.1f", sixUsers), String.format("%.1f", tenUsers),
                String.format("%.1f", fifteenUsers));

        // Estimate: 2.85, 3.38 and 2.69 req/s in model time.
        assertThat(tenUsers).as("10 users (%.1f/s) above 6 users", tenUsers).isGreaterThan(sixUsers);
        assertThat(tenUsers).as("10 users (%.1f/s) above 15 users", tenUsers).isGreaterThan(fifteenUsers);
    }

    /** Runs {@code users} closed-loop clients against a fresh default server and returns 200s per real second. */
    private static double successesPerSecond(int users, long thinkMillis, long measureMillis) throws InterruptedException {
        String config = "{\"mock\": {\"time_scale\": " + TIME_SCALE + "}, \"seed\": 3}";
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong successes = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        HttpResponse<byte[]> response = client.screenshot("");
                        if (measuring.get() && response.statusCode() == 200) {
                            successes.incrementAndGet();
                        }
                        sleep(thinkMillis);
                    }
                }, "closed-loop-user-" + i);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(WARM_UP_MILLIS);
            measuring.set(true);
            Thread.sleep(measureMillis);
            measuring.set(false);
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            return successes.get() * 1000.0 / measureMillis;
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
