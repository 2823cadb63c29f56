import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import io.shotload.stub.chromium.BrowserPoolLimits;
import io.shotload.stub.chromium.ChromiumBackend;
import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.chromium.ChromiumProcess;
import io.shotload.stub.chromium.ProcessMemory;
import io.shotload.stub.chromium.cdp.CdpConnection;
import io.shotload.stub.fixtures.FixtureHandler;
import io.shotload.stub.urlpolicy.HostResolver;
import io.shotload.stub.urlpolicy.UrlPolicy;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures per second and latency of the chromium backend next to a minimal direct DevTools loop,
 * on the same fixture page, format and machine, in the same run.
 *
 * <p>Each cell runs {@code concurrency} closed-loop workers for {@code --seconds} after two warm-up
 * rounds in which all workers capture at once, so that every browser and page is up before measuring.
 * The backend cells use a fresh backend with {@code max_pool_size} 2 and {@code pages_per_browser} 4. The direct loop is the practical hardware limit: {@code browsers}
 * Chromium processes, one reused page per worker, navigate, wait for load, capture, with no browser
 * context, request interception, dialog handling or settle time. Memory is the PSS of all browser
 * process trees, read from /proc at the end of the cell, divided by the number of browsers. Two CPU
 * figures cover the measured part of the cell, each divided by the captures completed in it. The first
 * is the busy time of all cores from /proc/stat, which counts anything else running too. The second
 * is the CPU time of this JVM, which runs the backend or the loop's DevTools client.
 *
 * <p>Modes: {@code context}, {@code reused_page} and {@code speed} ({@code optimize_for_speed}) run the
 * backend; {@code context-settle0} and {@code reused_page-settle0} run it with {@code settle_ms} 0, and
 * {@code reused_page-windows} runs {@code reused_page} with {@code window_per_page} true (own windows);
 * {@code loop}, {@code loop-fetch} and {@code loop-window} run the direct loop. A loop mode may add the
 * backend's steps one at a time to find what they cost, joined with {@code +}: {@code proxy} (proxy
 * flags with the fixture origin in the bypass list, as the backend sets them, but pointing at a closed
 * port, because fixture traffic never reaches the proxy), {@code guards} (the page set-up of the
 * backend, which is the next four together), {@code intercept} (every request paused and continued),
 * {@code attach} (auto-attach to child targets), {@code runtime} (the Runtime domain, a binding and a
 * script on every new document), {@code inspector} (the Inspector domain and reduced motion),
 * {@code metrics} (the viewport set again before each navigation),
 * {@code freeze} (the animation freeze and font wait after load), {@code settle} (100 ms after
 * that), {@code turns} (the screenshots of one browser's tabs one at a time, each tab brought to the
 * front and given two animation frames first) and {@code park} (the page sent to {@code about:blank}
 * after each capture), for example {@code loop-window+metrics+freeze}.
 *
 * <p>Usage: {@code java -cp CLASSPATH bench/ChromiumBenchmark.java [--seconds 10] [--concurrency 1,2,4,8]
 * [--scenarios viewport-png,full-page-png,viewport-jpeg80] [--modes context,reused_page,loop] [--browsers 2]}.
 * Prints one Markdown table row per cell.
 */
public class ChromiumBenchmark {

    record Scenario(String name, String path, CaptureType type, ImageFormat format) {
    }

    record Cell(String scenario, String mode, int concurrency, int captures, int failures, double ratePerSecond,
            double p50Millis, double p95Millis, double meanKibibytes, double machineCpuMillisPerCapture,
            double jvmCpuMillisPerCapture, int browsers, double pssMibPerBrowser) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("viewport-png", "/fixtures/lobby.html", CaptureType.VIEWPORT, ImageFormat.PNG),
            new Scenario("full-page-png", "/fixtures/lobby.html", CaptureType.FULL_PAGE, ImageFormat.PNG),
            new Scenario("viewport-jpeg80", "/fixtures/lobby.html", CaptureType.VIEWPORT, ImageFormat.JPEG));

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "--seconds", "10",
                "--concurrency", "1,2,4,8",
                "--scenarios", "viewport-png,full-page-png,viewport-jpeg80",
                "--modes", "context,reused_page,loop",
                "--browsers", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Duration cellDuration = Duration.ofSeconds(Long.parseLong(options.get("--seconds")));
        int browsers = Integer.parseInt(options.get("--browsers"));
        List<Integer> concurrencies = Arrays.stream(options.get("--concurrency").split(",")).map(Integer::parseInt)
                .toList();
        List<String> modes = List.of(options.get("--modes").split(","));
        List<String> scenarioNames = List.of(options.get("--scenarios").split(","));

        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new PathHandler().addPrefixPath("/fixtures", new FixtureHandler())).build();
        server.start();
        String origin = "http://127.0.0.1:"
                + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();

        System.out.println("| scenario | mode | concurrency | captures | failures | captures/s | p50 ms | p95 ms "
                + "| mean KiB | CPU ms/capture | JVM ms/capture | browsers | PSS MiB/browser |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (Scenario scenario : SCENARIOS) {
                if (!scenarioNames.contains(scenario.name())) {
                    continue;
                }
                // Modes alternate inside each concurrency so that the cells compared with each other run minutes
                // apart at most, under similar load from whatever else the machine runs.
                for (int concurrency : concurrencies) {
                    for (String mode : modes) {
                        Cell cell = mode.startsWith("loop")
                                ? runLoop(origin, scenario, mode, concurrency, Math.min(browsers, concurrency),
                                        cellDuration)
                                : runBackend(origin, scenario, mode, concurrency, browsers, cellDuration);
                        System.out.printf("| %s | %s | %d | %d | %d | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %.0f |%n",
                                cell.scenario(), cell.mode(), cell.concurrency(), cell.captures(), cell.failures(),
                                cell.ratePerSecond(), cell.p50Millis(), cell.p95Millis(), cell.meanKibibytes(),
                                cell.machineCpuMillisPerCapture(), cell.jvmCpuMillisPerCapture(), cell.browsers(),
                                cell.pssMibPerBrowser());
                    }
                }
            }
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    interface CaptureCall {
        int capture() throws Exception;
    }

    static Cell runBackend(String origin, Scenario scenario, String mode, int concurrency, int browsers,
            Duration cellDuration) throws Exception {
        ChromiumConfig config = switch (mode) {
            case "context" -> ChromiumConfig.DEFAULTS;
            case "reused_page" -> ChromiumConfig.DEFAULTS.withIsolation(ChromiumConfig.Isolation.REUSED_PAGE);
            case "speed" -> ChromiumConfig.DEFAULTS.withOptimizeForSpeed(true);
            case "reused_page-settle0" -> ChromiumConfig.fromJson(null, null, 0, null, null,
                    ChromiumConfig.Isolation.REUSED_PAGE, null, null, null, null, null);
            case "context-settle0" -> ChromiumConfig.fromJson(null, null, 0, null, null, null, null, null, null, null,
                    null);
            case "reused_page-windows" -> ChromiumConfig.DEFAULTS.withIsolation(ChromiumConfig.Isolation.REUSED_PAGE)
                    .withWindowPerPage(true);
            default -> throw new IllegalArgumentException("Unknown mode " + mode + "; expected context, reused_page,"
                    + " speed, context-settle0, reused_page-settle0, reused_page-windows, loop, loop-fetch or"
                    + " loop-window.");
        };
        HostResolver noLookups = host -> {
            throw new java.net.UnknownHostException(host);
        };
        UrlPolicy policy = new UrlPolicy(UrlPolicyConfig.DEFAULTS, List.of(origin), noLookups);
        try (ChromiumBackend backend = new ChromiumBackend(config, BrowserPoolLimits.of(browsers, 3600, 30, 4096),
                policy)) {
            AtomicLong ids = new AtomicLong();
            CaptureCall call = () -> {
                CaptureRequest request = new CaptureRequest("bench-" + ids.incrementAndGet(),
                        URI.create(origin + scenario.path()), scenario.type(), null, scenario.format(), 80, 1280, 720);
                CaptureResult result = backend.capture(request, Instant.now().plusSeconds(30)).get(40,
                        TimeUnit.SECONDS);
                return result.image().length;
            };
            List<CaptureCall> workers = Collections.nCopies(concurrency, call);
            Cell cell = runWorkers(scenario.name(), mode, workers, cellDuration);
            List<ProcessHandle> trees = new ArrayList<>();
            for (long pid : backend.browserPids()) {
                ProcessHandle.of(pid).ifPresent(root -> {
                    trees.add(root);
                    root.descendants().forEach(trees::add);
                });
            }
            return withMemory(cell, backend.browserPids().size(), ProcessMemory.pssBytes(trees));
        }
    }

    static Cell runLoop(String origin, Scenario scenario, String mode, int concurrency, int browsers,
            Duration cellDuration) throws Exception {
        List<ChromiumProcess> processes = new ArrayList<>();
        List<CdpConnection> connections = new ArrayList<>();
        List<String> steps = List.of(mode.split("\\+"));
        String base = steps.get(0);
        List<String> launchArgs = steps.contains("proxy")
                ? List.of("--proxy-server=http://127.0.0.1:9",
                        "--proxy-bypass-list=<-loopback>;" + URI.create(origin).getAuthority())
                : List.of();
        try {
            for (int i = 0; i < browsers; i++) {
                ChromiumProcess process = ChromiumProcess.launch(ChromiumConfig.DEFAULT_EXECUTABLE_PATH, launchArgs,
                        Duration.ofSeconds(30), "loop-" + i);
                processes.add(process);
                connections.add(CdpConnection.open("loop-" + i, process.webSocketUrl(), Duration.ofSeconds(30)));
            }
            List<CaptureCall> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                workers.add(new LoopWorker(connections.get(i % browsers), origin + scenario.path(), scenario,
                        base.equals("loop-fetch"), base.equals("loop-window"), steps)::capture);
            }
            Cell cell = runWorkers(scenario.name(), mode, workers, cellDuration);
            List<ProcessHandle> trees = new ArrayList<>();
            processes.forEach(process -> trees.addAll(process.processTree()));
            return withMemory(cell, browsers, ProcessMemory.pssBytes(trees));
        } finally {
            connections.forEach(CdpConnection::close);
            processes.forEach(ChromiumProcess::kill);
        }
    }

    /**
     * One page, reused: navigate, wait for load, capture; nothing else. With {@code interceptRequests}
     * (mode {@code loop-fetch}) every request is also paused with {@code Fetch.enable} and continued
     * unchecked, which isolates the cost of request interception. With {@code ownWindow} (mode
     * {@code loop-window}) each page opens in its own window, as the backend's pages do.
     */
    static final class LoopWorker {
        final CdpConnection cdp;
        final String url;
        final Scenario scenario;
        final String sessionId;
        final List<String> steps;
        volatile CompletableFuture<Void> load = new CompletableFuture<>();
        volatile boolean armed;

        LoopWorker(CdpConnection cdp, String url, Scenario scenario, boolean interceptRequests, boolean ownWindow,
                List<String> steps) throws Exception {
            this.cdp = cdp;
            this.url = url;
            this.scenario = scenario;
            this.steps = steps;
            String targetId = cdp.send("Target.createTarget", Map.of("url", "about:blank", "newWindow", ownWindow)).get()
                    .path("targetId").asText();
            sessionId = cdp.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true)).get()
                    .path("sessionId").asText();
            cdp.on(sessionId, "Page.loadEventFired", params -> {
                if (armed) {
                    load.complete(null);
                }
            });
            if (interceptRequests) {
                cdp.on(sessionId, "Fetch.requestPaused", params -> cdp.send(sessionId, "Fetch.continueRequest",
                        Map.of("requestId", params.path("requestId").asText())));
                cdp.send(sessionId, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*")))).get();
            }
            boolean guards = steps.contains("guards");
            if (guards || steps.contains("intercept")) {
                cdp.on(sessionId, "Fetch.requestPaused", params -> cdp.send(sessionId, "Fetch.continueRequest",
                        Map.of("requestId", params.path("requestId").asText())));
                cdp.send(sessionId, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*")))).get();
            }
            if (guards || steps.contains("attach")) {
                cdp.send(sessionId, "Target.setAutoAttach",
                        Map.of("autoAttach", true, "waitForDebuggerOnStart", true, "flatten", true)).get();
            }
            if (guards || steps.contains("runtime")) {
                cdp.send(sessionId, "Runtime.enable", Map.of()).get();
                cdp.send(sessionId, "Runtime.addBinding", Map.of("name", "benchBinding")).get();
                cdp.send(sessionId, "Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", "window.benchGuard = true;")).get();
            }
            if (guards || steps.contains("inspector")) {
                cdp.send(sessionId, "Inspector.enable", Map.of()).get();
                cdp.send(sessionId, "Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce")))).get();
            }
            cdp.send(sessionId, "Page.enable", Map.of()).get();
            cdp.send(sessionId, "Emulation.setDeviceMetricsOverride", METRICS).get();
        }

        static final Map<String, Object> METRICS = Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1,
                "mobile", false);

        static final String FREEZE = "(() => { const style = document.createElement('style');"
                + " style.textContent = '*, *::before, *::after { animation-duration: 0s !important;"
                + " animation-delay: 0s !important; transition-duration: 0s !important;"
                + " transition-delay: 0s !important; caret-color: transparent !important;"
                + " scroll-behavior: auto !important; }';"
                + " (document.head || document.documentElement).appendChild(style);"
                + " return document.fonts ? document.fonts.ready.then(() => true) : true; })()";

        int capture() throws Exception {
            load = new CompletableFuture<>();
            armed = false;
            CompletableFuture<Void> start = new CompletableFuture<>();
            // The chain is built before the command goes out, so arming runs before the load event arrives.
            CompletableFuture<Map<String, Object>> ready = start
                    .thenCompose(ignored -> steps.contains("metrics")
                            ? cdp.send(sessionId, "Emulation.setDeviceMetricsOverride", METRICS)
                            : CompletableFuture.completedFuture(null))
                    .thenCompose(ignored -> cdp.send(sessionId, "Page.navigate", Map.of("url", url)))
                    .thenCompose(navigated -> {
                        armed = true;
                        return load;
                    })
                    .thenCompose(loaded -> steps.contains("freeze")
                            ? cdp.send(sessionId, "Runtime.evaluate",
                                    Map.of("expression", FREEZE, "awaitPromise", true, "returnByValue", true))
                            : CompletableFuture.completedFuture(null))
                    .thenComposeAsync(ignored -> clip(), steps.contains("settle")
                            ? CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                            : Runnable::run)
                    .thenApply(clip -> {
                        Map<String, Object> params = new HashMap<>();
                        params.put("format", scenario.format() == ImageFormat.JPEG ? "jpeg" : "png");
                        if (scenario.format() == ImageFormat.JPEG) {
                            params.put("quality", 80);
                        }
                        if (clip != null) {
                            params.put("clip", clip);
                            params.put("captureBeyondViewport", true);
                        }
                        return params;
                    });
            start.complete(null);
            Map<String, Object> params = ready.get(40, TimeUnit.SECONDS);
            JsonNode shot = steps.contains("turns") ? inTurn(params)
                    : cdp.send(sessionId, "Page.captureScreenshot", params).get(40, TimeUnit.SECONDS);
            int size = Base64.getDecoder().decode(shot.path("data").asText()).length;
            if (steps.contains("park")) {
                cdp.send(sessionId, "Page.navigate", Map.of("url", "about:blank")).get(40, TimeUnit.SECONDS);
            }
            return size;
        }

        /**
         * Takes the screenshot in a tab turn as the backend does, on the worker's thread: one screenshot
         * per browser at a time, each tab brought to the front and given two animation frames first.
         */
        JsonNode inTurn(Map<String, Object> params) throws Exception {
            synchronized (cdp) {
                cdp.send(sessionId, "Page.bringToFront", Map.of()).get(40, TimeUnit.SECONDS);
                cdp.send(sessionId, "Runtime.evaluate", Map.of("expression", TWO_FRAMES, "awaitPromise", true,
                        "returnByValue", true)).get(40, TimeUnit.SECONDS);
                return cdp.send(sessionId, "Page.captureScreenshot", params).get(40, TimeUnit.SECONDS);
            }
        }

        static final String TWO_FRAMES =
                "new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))";

        CompletableFuture<Map<String, Object>> clip() {
            if (scenario.type() != CaptureType.FULL_PAGE) {
                return CompletableFuture.completedFuture(null);
            }
            return cdp.send(sessionId, "Page.getLayoutMetrics", Map.of()).thenApply(metrics -> Map.of(
                    "x", 0, "y", 0, "width", 1280, "scale", 1,
                    "height", Math.ceil(metrics.path("cssContentSize").path("height").asDouble())));
        }
    }

    static final int WARM_UP_ROUNDS = 2;

    static Cell runWorkers(String scenario, String mode, List<CaptureCall> workers, Duration cellDuration)
            throws Exception {
        // All workers warm up at once, twice, so that the backend has started every browser and page that the
        // measured captures use. Warmed up one after another, they would all run on the first browser.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            List<Thread> warmUps = new ArrayList<>();
            for (CaptureCall worker : workers) {
                Thread warmUp = new Thread(() -> {
                    try {
                        worker.capture();
                    } catch (Exception e) {
                        System.err.println(scenario + " " + mode + " warm-up: " + e);
                    }
                });
                warmUp.start();
                warmUps.add(warmUp);
            }
            for (Thread warmUp : warmUps) {
                warmUp.join();
            }
        }
        long machineBusyBefore = machineBusyJiffies();
        long jvmCpuBefore = JVM.getProcessCpuTime();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong bytes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long stopAt = start + cellDuration.toNanos();
        CountDownLatch done = new CountDownLatch(workers.size());
        for (CaptureCall worker : workers) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < stopAt) {
                        long t0 = System.nanoTime();
                        try {
                            bytes.addAndGet(worker.capture());
                            latencies.add(System.nanoTime() - t0);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.err.println(scenario + " " + mode + ": " + e);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        double machineBusyMillis = (machineBusyJiffies() - machineBusyBefore) * 1000.0 / JIFFIES_PER_SECOND;
        double jvmCpuMillis = (JVM.getProcessCpuTime() - jvmCpuBefore) / 1e6;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Cell(scenario, mode, workers.size(), sorted.size(), (int) failures.get(),
                sorted.size() / elapsedSeconds, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.95) / 1e6,
                sorted.isEmpty() ? 0 : bytes.get() / 1024.0 / sorted.size(),
                sorted.isEmpty() ? 0 : machineBusyMillis / sorted.size(),
                sorted.isEmpty() ? 0 : jvmCpuMillis / sorted.size(), 0, 0);
    }

    static final OperatingSystemMXBean JVM = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** USER_HZ, the unit of /proc/stat on Linux. */
    static final double JIFFIES_PER_SECOND = 100;

    /** Returns the busy time of all cores in jiffies, from the first line of /proc/stat. */
    static long machineBusyJiffies() throws Exception {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length; i++) {
            // Left out: idle and iowait (4, 5), time taken by the hypervisor (8), and guest time (9, 10),
            // which user time already counts.
            if (i != 4 && i != 5 && i != 8 && i != 9 && i != 10) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    static Cell withMemory(Cell cell, int browsers, long pssBytes) {
        double perBrowserMib = browsers == 0 ? 0 : pssBytes / 1024.0 / 1024.0 / browsers;
        return new Cell(cell.scenario(), cell.mode(), cell.concurrency(), cell.captures(), cell.failures(),
                cell.ratePerSecond(), cell.p50Millis(), cell.p95Millis(), cell.meanKibibytes(),
                cell.machineCpuMillisPerCapture(), cell.jvmCpuMillisPerCapture(), browsers, perBrowserMib);
    }

    /** Nearest-rank percentile; NaN without samples. */
    static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
