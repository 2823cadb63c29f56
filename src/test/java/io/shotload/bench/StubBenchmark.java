package io.shotload.bench;

import io.shotload.stub.StubServer;
import io.shotload.stub.config.StubConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Benchmarks the stub server with {@code wrk} and writes a Markdown table. Run by
 * {@code bench/stub-benchmark.sh}; arguments: {@code WIREMOCK_JAR WORK_DIR OUTPUT_FILE}.
 *
 * <p>Phases, each a {@link #WARM_UP_SECONDS} s warm-up run of wrk (long enough for the JIT compiler to settle
 * on 2 cores) followed by a measured run of {@link #MEASURE_SECONDS} s:
 * <ol>
 *   <li>Delayed requests, 1 s +-50 ms, at 1,000 and 10,000 connections: the stub (in this JVM, so its timer
 *       lateness can be read over the measured run alone) and WireMock (child JVM, uniform delay).</li>
 *   <li>Zero delay at 64 connections: the stub with a 16x16 and a 1280x720 PNG, a trivial Undertow
 *       handler and WireMock.</li>
 * </ol>
 * The stub and the trivial handler share this JVM; WireMock runs in its own JVM with the same heap and
 * garbage collector flags ({@link WireMockProcess#JVM_FLAGS}, which the script also passes to this JVM).
 */
public final class StubBenchmark {

    static final int MEASURE_SECONDS = 15;
    static final int WARM_UP_SECONDS = 10;
    static final int WRK_THREADS = 2;
    static final int ZERO_DELAY_CONNECTIONS = 64;
    static final int[] DELAYED_CONNECTIONS = {1000, 10_000};
    static final int DELAY_MILLIS = 1000;
    static final int DELAY_SPREAD_MILLIS = 50;

    private static final String TINY_SCREENSHOT = "/screenshot?url=https://example.com/&width=16&height=16";
    private static final String DEFAULT_SCREENSHOT = "/screenshot?url=https://example.com/";

    private final List<String> rows = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: StubBenchmark WIREMOCK_JAR WORK_DIR OUTPUT_FILE");
            System.exit(2);
        }
        new StubBenchmark().run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    private void run(Path wireMockJar, Path workDir, Path output) throws Exception {
        rows.add("| Phase | Server | Connections | Requests/s | p50 ms | p99 ms | Errors | Peak in flight | Timer lateness p50 / p99 / p99.9 / max ms |");
        rows.add("|---|---|---:|---:|---:|---:|---:|---:|---|");
        double[] stubDelayedRates = new double[DELAYED_CONNECTIONS.length];
        double[] wireMockDelayedRates = new double[DELAYED_CONNECTIONS.length];
        for (int i = 0; i < DELAYED_CONNECTIONS.length; i++) {
            int connections = DELAYED_CONNECTIONS[i];
            stubDelayedRates[i] = delayedStub(connections);
            try (WireMockProcess wireMock = new WireMockProcess(wireMockJar, workDir.resolve("wiremock-" + connections),
                    DELAY_MILLIS - DELAY_SPREAD_MILLIS, DELAY_MILLIS + DELAY_SPREAD_MILLIS)) {
                WrkResult result = measure(url(wireMock.port(), "/delayed"), connections);
                wireMockDelayedRates[i] = result.requestsPerSecond();
                addRow("1 s delay", "WireMock 3.13.2", connections, result, "n/a", "n/a");
            }
        }

        double stubTiny;
        double stubDefault;
        try (StubServer stub = StubServer.start(zeroDelayConfig(), "127.0.0.1", 0)) {
            WrkResult tiny = measure(stub.baseUrl() + TINY_SCREENSHOT, ZERO_DELAY_CONNECTIONS);
            addRow("zero delay", "stub, 16x16 PNG", ZERO_DELAY_CONNECTIONS, tiny, "n/a", lateness(stub.timerLatenessNanos()));
            WrkResult full = measure(stub.baseUrl() + DEFAULT_SCREENSHOT, ZERO_DELAY_CONNECTIONS);
            long pngBytes = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + DEFAULT_SCREENSHOT)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body().length;
            addRow("zero delay", "stub, 1280x720 PNG (" + pngBytes / 1024 + " KiB)", ZERO_DELAY_CONNECTIONS, full, "n/a", "n/a");
            stubTiny = tiny.requestsPerSecond();
            stubDefault = full.requestsPerSecond();
        }
        double trivial;
        try (TrivialUndertowServer server = new TrivialUndertowServer()) {
            WrkResult result = measure(url(server.port(), "/"), ZERO_DELAY_CONNECTIONS);
            addRow("zero delay", "trivial Undertow handler", ZERO_DELAY_CONNECTIONS, result, "n/a", "n/a");
            trivial = result.requestsPerSecond();
        }
        double wireMockInstant;
        try (WireMockProcess wireMock = new WireMockProcess(wireMockJar, workDir.resolve("wiremock-instant"), 0, 0)) {
            WrkResult result = measure(url(wireMock.port(), "/instant"), ZERO_DELAY_CONNECTIONS);
            addRow("zero delay", "WireMock 3.13.2", ZERO_DELAY_CONNECTIONS, result, "n/a", "n/a");
            wireMockInstant = result.requestsPerSecond();
        }

        rows.add("");
        rows.add("Ratios of requests per second:");
        rows.add("");
        rows.add(ratio("stub 16x16 / trivial Undertow, zero delay", stubTiny, trivial));
        rows.add(ratio("stub 1280x720 / trivial Undertow, zero delay", stubDefault, trivial));
        rows.add(ratio("stub 16x16 / WireMock, zero delay", stubTiny, wireMockInstant));
        for (int i = 0; i < DELAYED_CONNECTIONS.length; i++) {
            rows.add(ratio("stub / WireMock, 1 s delay, " + DELAYED_CONNECTIONS[i] + " connections",
                    stubDelayedRates[i], wireMockDelayedRates[i]));
        }
        Files.writeString(output, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        System.out.println(String.join("\n", rows));
    }

    /** Runs the delayed phase against an in-process stub and returns its measured request rate. */
    private double delayedStub(int connections) throws Exception {
        try (StubServer stub = StubServer.start(delayedConfig(), "127.0.0.1", 0)) {
            String target = stub.baseUrl() + TINY_SCREENSHOT;
            Wrk.run(target, connections, WARM_UP_SECONDS);
            Histogram before = stub.timerLatenessNanos();
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicLong peakInFlight = new AtomicLong();
            Thread sampler = new Thread(() -> samplePeak(stub.baseUrl(), sampling, peakInFlight), "in-flight-sampler");
            sampler.start();
            WrkResult result = Wrk.run(target, connections, MEASURE_SECONDS);
            sampling.set(false);
            sampler.join();
            Histogram lateness = stub.timerLatenessNanos();
            lateness.subtract(before);
            addRow("1 s delay", "stub", connections, result, Long.toString(peakInFlight.get()), lateness(lateness));
            return result.requestsPerSecond();
        }
    }

    private WrkResult measure(String target, int connections) throws IOException, InterruptedException {
        Wrk.run(target, connections, WARM_UP_SECONDS);
        return Wrk.run(target, connections, MEASURE_SECONDS);
    }

    /** Polls {@code screenshot_captures_running} every 250 ms and keeps the largest value. */
    private void samplePeak(URI baseUrl, AtomicBoolean sampling, AtomicLong peak) {
        Pattern running = Pattern.compile("(?m)^screenshot_captures_running (\\S+)$");
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/metrics")).build();
        while (sampling.get()) {
            try {
                String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher matcher = running.matcher(text);
                if (matcher.find()) {
                    peak.accumulateAndGet((long) Double.parseDouble(matcher.group(1)), Math::max);
                }
                Thread.sleep(250);
            } catch (IOException e) {
                System.err.println("In-flight sample failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void addRow(String phase, String server, int connections, WrkResult result, String peak, String lateness) {
        String row = String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.1f | %.1f | %d | %s | %s |",
                phase, server, connections, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                result.socketErrors() + result.non2xxResponses(), peak, lateness);
        rows.add(row);
        System.out.println(row);
    }

    private static String lateness(Histogram nanos) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f (%,d tasks)",
                nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(99) / 1e6,
                nanos.getValueAtPercentile(99.9) / 1e6, nanos.getMaxValue() / 1e6, nanos.getTotalCount());
    }

    private static String ratio(String label, double numerator, double denominator) {
        return String.format(Locale.ROOT, "- %s: %.2f", label, numerator / denominator);
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Returns a config with a near-constant 1 s capture: lognormal median 1000 ms, log sd 0.02, clamped to 950..1050 ms. */
    private static StubConfig delayedConfig() {
        return StubConfig.parse("""
                {"screenshot_queue": {"max_concurrent": 20000, "max_queue_size": 0, "default_timeout": 60},
                 "browser_pool": {"browser_timeout_seconds": 60},
                 "monitoring": {"enable_performance_monitoring": false},
                 "mock": {"capture_median_millis": %d, "capture_log_sd": 0.02,
                          "capture_min_millis": %d, "capture_max_millis": %d,
                          "slow_fraction": 0, "failure_fraction": 0, "degradation_sigma": 0, "degradation_kappa": 0,
                          "browser_launch_millis": 0}}""".formatted(
                DELAY_MILLIS, DELAY_MILLIS - DELAY_SPREAD_MILLIS, DELAY_MILLIS + DELAY_SPREAD_MILLIS));
    }

    private static StubConfig zeroDelayConfig() {
        return StubConfig.parse("""
                {"screenshot_queue": {"max_concurrent": 1000, "max_queue_size": 0},
                 "monitoring": {"enable_performance_monitoring": false},
                 "mock": {"capture_median_millis": 0, "capture_log_sd": 0, "capture_min_millis": 0,
                          "capture_max_millis": 0, "slow_fraction": 0, "failure_fraction": 0,
                          "degradation_sigma": 0, "degradation_kappa": 0, "browser_launch_millis": 0}}""");
    }
}
