package io.shotload.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for tests against a {@link StubServer} on loopback. */
final class StubClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVER_TIMING =
            Pattern.compile("queue;dur=([0-9.]+), capture;dur=([0-9.]+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI baseUrl;

    StubClient(StubServer server) {
        this.baseUrl = server.baseUrl();
    }

    /** Returns the URI of {@code GET /screenshot} for {@code https://example.com} plus extra query text. */
    URI screenshotUri(String extraQuery) {
        String query = "url=" + URLEncoder.encode("https://example.com/page", StandardCharsets.UTF_8);
        if (!extraQuery.isEmpty()) {
            query += "&" + extraQuery;
        }
        return baseUrl.resolve("/screenshot?" + query);
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).GET().build());
    }

    HttpResponse<byte[]> screenshot(String extraQuery) {
        return send(HttpRequest.newBuilder(screenshotUri(extraQuery)).GET().build());
    }

    CompletableFuture<HttpResponse<byte[]>> screenshotAsync(String extraQuery) {
        return http.sendAsync(HttpRequest.newBuilder(screenshotUri(extraQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends {@code total} GET requests with at most {@code maxOutstanding} in flight; returns responses in completion order. */
    List<HttpResponse<byte[]>> screenshotsConcurrently(String extraQuery, int total, int maxOutstanding) {
        Semaphore outstanding = new Semaphore(maxOutstanding);
        List<HttpResponse<byte[]>> responses = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            outstanding.acquireUninterruptibly();
            futures.add(screenshotAsync(extraQuery).whenComplete((response, error) -> {
                if (response != null) {
                    responses.add(response);
                }
                outstanding.release();
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(responses);
    }

    HttpResponse<byte[]> post(String path, String body) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    String metricsText() {
        return new String(get("/metrics").body(), StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the {@code capture;dur} of a response's {@code Server-Timing}, in milliseconds. */
    static double captureMillis(HttpResponse<?> response) {
        return serverTiming(response, 2);
    }

    /** Returns the {@code queue;dur} of a response's {@code Server-Timing}, in milliseconds. */
    static double queueMillis(HttpResponse<?> response) {
        return serverTiming(response, 1);
    }

    private static double serverTiming(HttpResponse<?> response, int group) {
        String header = response.headers().firstValue("Server-Timing").orElseThrow();
        Matcher matcher = SERVER_TIMING.matcher(header);
        if (!matcher.matches()) {
            throw new AssertionError("Unexpected Server-Timing: " + header);
        }
        return Double.parseDouble(matcher.group(group));
    }
}
