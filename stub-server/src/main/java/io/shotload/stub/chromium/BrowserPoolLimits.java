package io.shotload.stub.chromium;

import java.time.Duration;

/**
 * The {@code browser_pool} values the chromium backend uses, passed in by the server's config loader.
 *
 * @param maxPoolSize browsers running at once
 * @param maxBrowserAge age after which a browser is replaced once its running captures end
 * @param browserTimeout longest wait for a browser to start and for one DevTools command
 * @param memoryLimitBytesPerBrowser proportional set size (PSS) of a browser's process tree above which it
 *     is replaced once its running captures end
 */
public record BrowserPoolLimits(
        int maxPoolSize, Duration maxBrowserAge, Duration browserTimeout, long memoryLimitBytesPerBrowser) {

    public BrowserPoolLimits {
        if (maxPoolSize < 1 || maxPoolSize > 1000) {
            throw new IllegalArgumentException("Invalid stub config: browser_pool.max_pool_size = " + maxPoolSize
                    + "; expected 1..1000.");
        }
        if (maxBrowserAge.isNegative() || maxBrowserAge.isZero()) {
            throw new IllegalArgumentException("Invalid stub config: browser_pool.max_browser_age_seconds = "
                    + maxBrowserAge.toSeconds() + "; expected at least 1.");
        }
        if (browserTimeout.isNegative() || browserTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid stub config: browser_pool.browser_timeout_seconds = "
                    + browserTimeout.toSeconds() + "; expected at least 1.");
        }
        if (memoryLimitBytesPerBrowser < 1) {
            throw new IllegalArgumentException("Invalid stub config: browser_pool.memory_limit_mb_per_browser = "
                    + memoryLimitBytesPerBrowser / (1024 * 1024) + "; expected at least 1.");
        }
    }

    /** Builds the limits from the {@code browser_pool} fields in their config units. */
    public static BrowserPoolLimits of(int maxPoolSize, int maxBrowserAgeSeconds, int browserTimeoutSeconds,
            int memoryLimitMbPerBrowser) {
        return new BrowserPoolLimits(maxPoolSize, Duration.ofSeconds(maxBrowserAgeSeconds),
                Duration.ofSeconds(browserTimeoutSeconds), memoryLimitMbPerBrowser * 1024L * 1024L);
    }
}
