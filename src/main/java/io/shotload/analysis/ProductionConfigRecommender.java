package io.shotload.analysis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Derives a {@link ProductionConfig} from the optimal scenario. Each value's rule is in its basis
 * sentence; in short:
 * <ul>
 *   <li>Pool size and concurrent captures: the recommended pool size, ceil(optimal users x headroom).</li>
 *   <li>Browser timeout: ceil(p99 at the optimal scenario x margin), at least
 *       {@value #MIN_BROWSER_TIMEOUT_SECONDS} s so a fast run does not leave no room for a slow page.</li>
 *   <li>Request timeout: browser timeout + acceptable queue wait.</li>
 *   <li>Queue size: Little's law L = lambda W, with lambda the optimal scenario's steady completions per
 *       second and W the acceptable queue wait (10 s by default), rounded up, at least 1.</li>
 *   <li>Memory per browser: resident memory / browsers at the peak scrape x margin, from the optimal
 *       scenario, else from the most loaded scenario with such scrapes, else the default setting.</li>
 *   <li>CPU limit, browser age: settings, because a capacity run measures neither.</li>
 *   <li>Alerts: the production targets for error rate and average response time.</li>
 * </ul>
 */
public final class ProductionConfigRecommender {

    /** Shortest browser timeout recommended, in s. */
    public static final int MIN_BROWSER_TIMEOUT_SECONDS = 5;
    /** Browser timeout when the optimal scenario has no p99, in s. */
    public static final int FALLBACK_BROWSER_TIMEOUT_SECONDS = 30;

    private final AnalysisSettings settings;

    public ProductionConfigRecommender(AnalysisSettings settings) {
        this.settings = settings;
    }

    /** Returns ceil(optimal users x headroom); 10 users with the default 1.2 give 12. */
    public static int poolSize(int optimalUsers, double headroom) {
        // The small epsilon keeps 10 x 1.2 = 12.000000000000002 from rounding up to 13.
        return (int) Math.ceil(optimalUsers * headroom - 1e-9);
    }

    /**
     * Recommends a configuration.
     *
     * @param optimal the optimal scenario's metrics
     * @param ranScenarios every scenario that ran, for the memory fallback
     */
    public ProductionConfig recommend(ScenarioMetrics optimal, List<ScenarioMetrics> ranScenarios) {
        Map<String, String> basis = new LinkedHashMap<>();
        String at = " at " + optimal.scenario() + " (" + optimal.users() + " users)";

        int poolSize = poolSize(optimal.users(), settings.poolHeadroom());
        basis.put("browser_pool.max_pool_size", String.format(Locale.ROOT,
                "ceil(%d optimal users x %s headroom) = %d", optimal.users(), Setting.format(settings.poolHeadroom()),
                poolSize));
        int maxAge = settings.maxBrowserAgeSeconds();
        basis.put("browser_pool.max_browser_age_seconds", "setting max-browser-age-seconds; a capacity run is too "
                + "short to measure how browsers age" + growthNote(optimal));
        int browserTimeout;
        if (optimal.p99ResponseTimeMs() != null) {
            double raw = optimal.p99ResponseTimeMs() * settings.browserTimeoutMargin() / 1000.0;
            browserTimeout = Math.max(MIN_BROWSER_TIMEOUT_SECONDS, (int) Math.ceil(raw));
            basis.put("browser_pool.browser_timeout_seconds", String.format(Locale.ROOT,
                    "max(%d, ceil(p99 %d ms%s x %s margin / 1000)) = %d s", MIN_BROWSER_TIMEOUT_SECONDS,
                    optimal.p99ResponseTimeMs(), at, Setting.format(settings.browserTimeoutMargin()), browserTimeout));
        } else {
            browserTimeout = FALLBACK_BROWSER_TIMEOUT_SECONDS;
            basis.put("browser_pool.browser_timeout_seconds", "fallback of " + FALLBACK_BROWSER_TIMEOUT_SECONDS
                    + " s: no p99 response time" + at);
        }

        basis.put("screenshot_queue.max_concurrent", "one capture per browser: browser_pool.max_pool_size = " + poolSize);
        int waitSeconds = (int) Math.ceil(settings.acceptableQueueWaitSeconds());
        int requestTimeout = browserTimeout + waitSeconds;
        basis.put("screenshot_queue.default_timeout", String.format(Locale.ROOT,
                "browser_timeout_seconds %d + ceil(acceptable queue wait %s s) = %d s", browserTimeout,
                Setting.format(settings.acceptableQueueWaitSeconds()), requestTimeout));
        double arrivalsPerSecond = optimal.completionsSteadyRps() == null ? 0 : optimal.completionsSteadyRps();
        int queueSize = Math.max(1, (int) Math.ceil(arrivalsPerSecond * settings.acceptableQueueWaitSeconds() - 1e-9));
        basis.put("screenshot_queue.max_queue_size", String.format(Locale.ROOT,
                "Little's law L = lambda W: %.2f requests/s%s x %s s acceptable wait, rounded up, at least 1 = %d",
                arrivalsPerSecond, at, Setting.format(settings.acceptableQueueWaitSeconds()), queueSize));

        int memoryLimit = memoryLimit(optimal, ranScenarios, basis);
        basis.put("resource_limits.cpu_limit_percent", "setting cpu-limit-percent; the run does not measure the "
                + "target's CPU");

        basis.put("monitoring.enable_performance_monitoring", "always on, so that the alert thresholds can fire");
        basis.put("monitoring.alert_thresholds.error_rate_percent", "production target: setting "
                + "target-error-rate-percent");
        int alertLatency = (int) Math.round(settings.targetAvgResponseMs());
        basis.put("monitoring.alert_thresholds.avg_response_time_ms", "production target: setting "
                + "target-avg-response-ms");

        return new ProductionConfig(
                new ProductionConfig.BrowserPool(poolSize, maxAge, browserTimeout),
                new ProductionConfig.ScreenshotQueue(poolSize, requestTimeout, queueSize),
                new ProductionConfig.ResourceLimits(memoryLimit, settings.cpuLimitPercent()),
                new ProductionConfig.Monitoring(true,
                        new ProductionConfig.AlertThresholds(settings.targetErrorRatePercent(), alertLatency)),
                basis);
    }

    private int memoryLimit(ScenarioMetrics optimal, List<ScenarioMetrics> ranScenarios, Map<String, String> basis) {
        Optional<ScenarioMetrics> source = optimal.memoryPerBrowserMb() != null
                ? Optional.of(optimal)
                : ranScenarios.stream()
                        .filter(metrics -> metrics.memoryPerBrowserMb() != null)
                        .max(Comparator.comparingInt(ScenarioMetrics::users));
        if (source.isEmpty()) {
            basis.put("resource_limits.memory_limit_mb_per_browser", "setting default-memory-per-browser-mb: the "
                    + "target exposed no resident memory and browser count");
            return settings.defaultMemoryPerBrowserMb();
        }
        ScenarioMetrics metrics = source.get();
        int limit = (int) Math.ceil(metrics.memoryPerBrowserMb() * settings.memoryMargin());
        basis.put("resource_limits.memory_limit_mb_per_browser", String.format(Locale.ROOT,
                "ceil(%.1f MB resident memory per browser at the peak scrape of %s (%d users) x %s margin) = %d MB",
                metrics.memoryPerBrowserMb(), metrics.scenario(), metrics.users(),
                Setting.format(settings.memoryMargin()), limit));
        return limit;
    }

    private static String growthNote(ScenarioMetrics optimal) {
        if (optimal.memoryGrowthMbPerMinute() == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (memory grew %.1f MB/min at %s)",
                optimal.memoryGrowthMbPerMinute(), optimal.scenario());
    }
}
