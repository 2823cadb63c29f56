package io.shotload.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recommended settings for the screenshot service, in the layout of the stub server's config file: four
 * sections of plain values plus {@code basis}, which maps each value's dotted path (such as
 * {@code browser_pool.max_pool_size}) to one sentence saying how it was derived. The stub accepts and
 * ignores {@code basis}.
 */
public record ProductionConfig(
        BrowserPool browserPool,
        ScreenshotQueue screenshotQueue,
        ResourceLimits resourceLimits,
        Monitoring monitoring,
        Map<String, String> basis) {

    public ProductionConfig {
        basis = Collections.unmodifiableMap(new LinkedHashMap<>(basis));
    }

    /**
     * @param maxPoolSize browsers kept ready
     * @param maxBrowserAgeSeconds age after which a browser is replaced
     * @param browserTimeoutSeconds time one capture may take in a browser
     */
    public record BrowserPool(int maxPoolSize, int maxBrowserAgeSeconds, int browserTimeoutSeconds) {}

    /**
     * @param maxConcurrent captures running at once
     * @param defaultTimeout a request's whole deadline, queue wait included, in seconds
     * @param maxQueueSize requests that may wait for a capture slot
     */
    public record ScreenshotQueue(int maxConcurrent, int defaultTimeout, int maxQueueSize) {}

    /**
     * @param memoryLimitMbPerBrowser memory one browser may use
     * @param cpuLimitPercent CPU the service may use, in percent of one core
     */
    public record ResourceLimits(int memoryLimitMbPerBrowser, int cpuLimitPercent) {}

    public record Monitoring(boolean enablePerformanceMonitoring, AlertThresholds alertThresholds) {}

    /**
     * @param errorRatePercent error rate above which to alert
     * @param avgResponseTimeMs average response time above which to alert
     */
    public record AlertThresholds(double errorRatePercent, int avgResponseTimeMs) {}
}
