import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ruiyun.jvppeteer.api.core.Browser;
import com.ruiyun.jvppeteer.cdp.core.Puppeteer;
import com.ruiyun.jvppeteer.cdp.entities.ConnectOptions;
import com.ruiyun.jvppeteer.cdp.entities.ImageType;
import com.ruiyun.jvppeteer.cdp.entities.ScreenshotOptions;
import com.ruiyun.jvppeteer.cdp.entities.Viewport;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * Spike: viewport PNG captures per second through three CDP clients against one Debian Chromium.
 *
 * <p>Usage: {@code java -cp CLASSPATH CdpSpike.java raw|jvppeteer|selenium CONCURRENCY CAPTURES}. Each worker
 * owns one page in one shared browser and loops navigate, wait for {@code load}, capture. The page is
 * served by a JDK HTTP server on 127.0.0.1. Prints one line: client, concurrency, captures/s, p50, p95.
 */
public class CdpSpike {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PAGE = buildPage();

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int concurrency = Integer.parseInt(args[1]);
        int captures = Integer.parseInt(args[2]);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/lobby";

        Path profile = Files.createTempDirectory("spike-profile");
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--disable-gpu",
                "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true).start();
        String browserWs = readDevToolsUrl(chromium);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(captures);
        long start;
        long elapsed;
        try {
            Worker[] workers = new Worker[concurrency];
            for (int i = 0; i < concurrency; i++) {
                workers[i] = switch (client) {
                    case "raw" -> new RawWorker(browserWs);
                    case "jvppeteer" -> new JvppeteerWorker(browserWs);
                    case "selenium" -> new SeleniumWorker(browserWs);
                    default -> throw new IllegalArgumentException("unknown client " + client);
                };
            }
            // One warm-up capture per worker, not counted.
            for (Worker worker : workers) {
                worker.capture(url);
            }
            CountDownLatch done = new CountDownLatch(concurrency);
            start = System.nanoTime();
            for (Worker worker : workers) {
                new Thread(() -> {
                    try {
                        while (remaining.getAndDecrement() > 0) {
                            long t0 = System.nanoTime();
                            int bytes = worker.capture(url);
                            if (bytes < 1000) {
                                throw new IllegalStateException("image too small: " + bytes);
                            }
                            latencies.add(System.nanoTime() - t0);
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            done.await();
            elapsed = System.nanoTime() - start;
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor();
            server.stop(0);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rate = sorted.size() / (elapsed / 1e9);
        System.out.printf("client=%s concurrency=%d captures=%d rate=%.2f/s p50=%.0fms p95=%.0fms%n", client,
                concurrency, sorted.size(), rate, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.95) / 1e6);
        System.exit(0);
    }

    interface Worker {
        int capture(String url) throws Exception;
    }

    /** Hand-written CDP over the JDK WebSocket: one flat session per page on the browser socket. */
    static final class RawWorker implements Worker {
        static RawConnection shared;
        final RawConnection connection;
        final String sessionId;

        RawWorker(String browserWs) throws Exception {
            synchronized (RawWorker.class) {
                if (shared == null) {
                    shared = new RawConnection(browserWs);
                }
            }
            connection = shared;
            String targetId = connection.send(null, "Target.createTarget", Map.of("url", "about:blank"))
                    .get().get("targetId").asText();
            sessionId = connection.send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                    .get().get("sessionId").asText();
            connection.send(sessionId, "Page.enable", Map.of()).get();
            connection.send(sessionId, "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false)).get();
        }

        @Override
        public int capture(String url) throws Exception {
            CompletableFuture<JsonNode> load = connection.nextEvent(sessionId, "Page.loadEventFired");
            connection.send(sessionId, "Page.navigate", Map.of("url", url)).get();
            load.get(30, TimeUnit.SECONDS);
            String data = connection.send(sessionId, "Page.captureScreenshot", Map.of("format", "png"))
                    .get().get("data").asText();
            return data.length() * 3 / 4;
        }
    }

    static final class RawConnection implements WebSocket.Listener {
        final AtomicLong ids = new AtomicLong();
        final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<JsonNode>> waiters = new ConcurrentHashMap<>();
        final StringBuilder buffer = new StringBuilder();
        final WebSocket socket;

        RawConnection(String url) throws Exception {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this).get();
        }

        synchronized CompletableFuture<JsonNode> send(String sessionId, String method, Map<String, ?> params) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> future = new CompletableFuture<>();
            pending.put(id, future);
            ObjectNode message = JSON.createObjectNode();
            message.put("id", id);
            message.put("method", method);
            message.set("params", JSON.valueToTree(params));
            if (sessionId != null) {
                message.put("sessionId", sessionId);
            }
            socket.sendText(message.toString(), true).join();
            return future;
        }

        CompletableFuture<JsonNode> nextEvent(String sessionId, String method) {
            CompletableFuture<JsonNode> future = new CompletableFuture<>();
            waiters.put(sessionId + " " + method, future);
            return future;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(buffer.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> future = pending.remove(message.get("id").asLong());
                        if (message.has("error")) {
                            future.completeExceptionally(new IllegalStateException(message.get("error").toString()));
                        } else {
                            future.complete(message.get("result"));
                        }
                    } else {
                        String key = message.path("sessionId").asText() + " " + message.get("method").asText();
                        CompletableFuture<JsonNode> waiter = waiters.remove(key);
                        if (waiter != null) {
                            waiter.complete(message.get("params"));
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
                buffer.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** jvppeteer 3.3.2: its Page API, blocking, one page per worker, all on one connected Browser. */
    static final class JvppeteerWorker implements Worker {
        static Browser shared;
        final com.ruiyun.jvppeteer.api.core.Page page;

        JvppeteerWorker(String browserWs) throws Exception {
            synchronized (JvppeteerWorker.class) {
                if (shared == null) {
                    ConnectOptions options = new ConnectOptions();
                    options.setBrowserWSEndpoint(browserWs);
                    options.setDefaultViewport(null);
                    shared = Puppeteer.connect(options);
                }
            }
            page = shared.newPage();
            Viewport viewport = new Viewport();
            viewport.setWidth(1280);
            viewport.setHeight(720);
            page.setViewport(viewport);
        }

        @Override
        public int capture(String url) throws Exception {
            page.goTo(url);
            ScreenshotOptions options = new ScreenshotOptions();
            options.setType(ImageType.PNG);
            return page.screenshot(options).length() * 3 / 4;
        }
    }

    /** Selenium 4.52.0 devtools v156: one Connection per page (its listeners do not see session ids). */
    static final class SeleniumWorker implements Worker {
        final Connection connection;
        volatile CompletableFuture<Void> load;

        SeleniumWorker(String browserWs) throws Exception {
            String targetId;
            RawConnection browser = new RawConnection(browserWs);
            targetId = browser.send(null, "Target.createTarget", Map.of("url", "about:blank")).get()
                    .get("targetId").asText();
            String pageWs = browserWs.replaceFirst("/devtools/browser/.*", "/devtools/page/" + targetId);
            ClientConfig config = ClientConfig.defaultConfig().baseUri(URI.create(pageWs));
            connection = new Connection(org.openqa.selenium.remote.http.HttpClient.Factory.createDefault()
                    .createClient(config), pageWs);
            connection.addListener(org.openqa.selenium.devtools.v156.page.Page.loadEventFired(), (seq, time) -> {
                CompletableFuture<Void> current = load;
                if (current != null) {
                    current.complete(null);
                }
            });
            connection.send(null, org.openqa.selenium.devtools.v156.page.Page.enable(Optional.empty())).get();
            connection.send(null, org.openqa.selenium.devtools.v156.emulation.Emulation.setDeviceMetricsOverride(
                    1280, 720, 1, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).get();
        }

        @Override
        public int capture(String url) throws Exception {
            load = new CompletableFuture<>();
            connection.send(null, org.openqa.selenium.devtools.v156.page.Page.navigate(url, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty())).get();
            load.get(30, TimeUnit.SECONDS);
            String data = connection.send(null, org.openqa.selenium.devtools.v156.page.Page.captureScreenshot(
                    Optional.of(org.openqa.selenium.devtools.v156.page.Page.CaptureScreenshotFormat.PNG),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).get();
            return data.length() * 3 / 4;
        }
    }

    static String readDevToolsUrl(Process chromium) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(chromium.getInputStream()));
        String line;
        while ((line = reader.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring(at).trim();
            }
        }
        throw new IllegalStateException("chromium exited before printing its DevTools URL");
    }

    static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    static String buildPage() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><style>"
                + "body{margin:0;font-family:sans-serif;background:#102}"
                + ".grid{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;padding:16px}"
                + ".tile{height:140px;border-radius:10px;color:#fff;display:flex;align-items:flex-end;padding:8px}"
                + "</style></head><body><div class=grid>");
        for (int i = 0; i < 48; i++) {
            html.append("<div class=tile style='background:linear-gradient(135deg,hsl(").append(i * 37 % 360)
                    .append(",70%,45%),hsl(").append((i * 37 + 60) % 360).append(",70%,25%))'>Game ")
                    .append(i + 1).append("</div>");
        }
        return html.append("</div></body></html>").toString();
    }
}
