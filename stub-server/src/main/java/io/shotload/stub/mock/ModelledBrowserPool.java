package io.shotload.stub.mock;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The browsers of the mock backend: which browser serves a capture and when it is relaunched.
 *
 * <p>All {@code browser_pool.max_pool_size} browsers are launched when the backend starts, at no modelled
 * cost. A capture runs as a page in the browser with the fewest running pages (lowest index on ties),
 * so browsers share the load. A browser is relaunched before its next capture when it is older than
 * {@code browser_pool.max_browser_age_seconds} in model time (recycled, reason {@code max_age}), after a
 * capture in it failed (a crash) or after a capture in it hit {@code browser_pool.browser_timeout_seconds}
 * (recycled, reason {@code timeout}). The capture that finds its browser due for relaunch pays
 * {@code mock.browser_launch_millis}. Other pages running in that browser are not affected, which a real
 * crash would not spare; the model keeps failures independent instead.
 */
final class ModelledBrowserPool {

    static final String REASON_MAX_AGE = "max_age";
    static final String REASON_TIMEOUT = "timeout";

    private final long maxAgeModelNanos;
    private final double timeScale;
    private final long[] launchedAtNanos;
    private final int[] runningPages;
    private final boolean[] relaunchDue;

    private final Counter launched;
    private final Counter recycled;
    private final Counter crashed;
    private final GaugeWithCallback browsers;

    /** A browser serving one capture, and whether the capture pays for a relaunch. */
    record Lease(int browserIndex, boolean relaunched) {
    }

    ModelledBrowserPool(int poolSize, long maxAgeModelNanos, double timeScale) {
        this.maxAgeModelNanos = maxAgeModelNanos;
        this.timeScale = timeScale;
        this.launchedAtNanos = new long[poolSize];
        this.runningPages = new int[poolSize];
        this.relaunchDue = new boolean[poolSize];

        launched = Counter.builder()
                .name("screenshot_browsers_launched_total")
                .help("Browsers launched, at start-up and for every relaunch")
                .build();
        recycled = Counter.builder()
                .name("screenshot_browsers_recycled_total")
                .help("Browsers relaunched before a capture, by reason: max_age or timeout")
                .labelNames("reason")
                .build();
        recycled.labelValues(REASON_MAX_AGE);
        recycled.labelValues(REASON_TIMEOUT);
        crashed = Counter.builder()
                .name("screenshot_browsers_crashed_total")
                .help("Browsers that crashed during a capture; the mock counts every failed capture as a crash")
                .build();
        browsers = GaugeWithCallback.builder()
                .name("screenshot_browsers")
                .help("Browsers currently launched")
                .callback(callback -> callback.call(poolSize))
                .build();

        long now = System.nanoTime();
        for (int i = 0; i < poolSize; i++) {
            launchedAtNanos[i] = now;
            launched.inc();
        }
    }

    /** Picks the browser for a capture starting now and relaunches it when it is due. */
    synchronized Lease acquire(long nowNanos) {
        int chosen = 0;
        for (int i = 1; i < runningPages.length; i++) {
            if (runningPages[i] < runningPages[chosen]) {
                chosen = i;
            }
        }
        boolean relaunch = relaunchDue[chosen];
        double ageModelNanos = (nowNanos - launchedAtNanos[chosen]) / timeScale;
        if (!relaunch && ageModelNanos > maxAgeModelNanos) {
            relaunch = true;
            recycled.labelValues(REASON_MAX_AGE).inc();
        }
        if (relaunch) {
            relaunchDue[chosen] = false;
            launchedAtNanos[chosen] = nowNanos;
            launched.inc();
        }
        runningPages[chosen]++;
        return new Lease(chosen, relaunch);
    }

    /** Ends a capture that succeeded. */
    synchronized void release(Lease lease) {
        runningPages[lease.browserIndex()]--;
    }

    /** Ends a capture that crashed its browser; the browser's next capture relaunches it. */
    synchronized void releaseCrashed(Lease lease) {
        runningPages[lease.browserIndex()]--;
        relaunchDue[lease.browserIndex()] = true;
        crashed.inc();
    }

    /** Ends a capture that hit the browser timeout; the browser is recycled before its next capture. */
    synchronized void releaseHung(Lease lease) {
        runningPages[lease.browserIndex()]--;
        if (!relaunchDue[lease.browserIndex()]) {
            relaunchDue[lease.browserIndex()] = true;
            recycled.labelValues(REASON_TIMEOUT).inc();
        }
    }

    /** Registers the browser gauges and counters. */
    void register(PrometheusRegistry registry) {
        registry.register(browsers);
        registry.register(launched);
        registry.register(recycled);
        registry.register(crashed);
    }

    int size() {
        return runningPages.length;
    }
}
