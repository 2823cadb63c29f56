package io.shotload.recording;

import io.shotload.run.TargetSample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the target's {@code /metrics} once per call. After {@value #MAX_CONSECUTIVE_FAILURES}
 * failures in a row it stops trying, because a target without metrics is normal for external services.
 */
final class TargetMetricsScraper {

    static final int MAX_CONSECUTIVE_FAILURES = 3;
    /** A scrape that takes longer than this is skipped; the sampler runs once a second. */
    static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(800);

    private static final Logger log = LoggerFactory.getLogger(TargetMetricsScraper.class);

    private final URI metricsUri;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    private int consecutiveFailures;
    private boolean everSucceeded;

    TargetMetricsScraper(URI baseUri) {
        this.metricsUri = baseUri.resolve("/metrics");
    }

    boolean gaveUp() {
        return consecutiveFailures >= MAX_CONSECUTIVE_FAILURES;
    }

    boolean everSucceeded() {
        return everSucceeded;
    }

    Optional<TargetSample> scrape() {
        if (gaveUp()) {
            return Optional.empty();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(metricsUri).timeout(SCRAPE_TIMEOUT).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return failed("HTTP " + response.statusCode());
            }
            consecutiveFailures = 0;
            everSucceeded = true;
            PrometheusText text = PrometheusText.parse(response.body());
            return Optional.of(new TargetSample(
                    System.currentTimeMillis(),
                    text.value("screenshot_memory_resident_bytes").orElse(null),
                    text.value("jvm_memory_used_bytes", "area", "heap").orElse(null),
                    text.value("screenshot_queue_depth").orElse(null),
                    text.value("screenshot_captures_running").orElse(null),
                    text.value("screenshot_browsers").orElse(null)));
        } catch (IOException e) {
            return failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<TargetSample> failed(String reason) {
        consecutiveFailures++;
        if (gaveUp()) {
            log.info("Stopped scraping {} after {} failures in a row (last: {}); the report will have no target memory.",
                    metricsUri, consecutiveFailures, reason);
        } else {
            log.debug("Scraping {} failed: {}", metricsUri, reason);
        }
        return Optional.empty();
    }
}
