package io.shotload.stub.chromium;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.shotload.stub.urlpolicy.BlockReason;
import java.util.function.DoubleSupplier;

/**
 * The chromium backend's Prometheus metrics. Counters exist from construction, so events before
 * {@link #register} are counted too; the gauges read the pool when scraped.
 */
final class ChromiumMetrics {

    /** Why a browser was replaced: the {@code reason} label of {@code screenshot_browsers_recycled_total}. */
    enum RecycleReason {
        AGE("age"),
        CAPTURES("captures"),
        MEMORY("memory");

        final String label;

        RecycleReason(String label) {
            this.label = label;
        }
    }

    final Counter browsersLaunched = Counter.builder()
            .name("screenshot_browsers_launched_total")
            .help("Chromium browsers started by the chromium backend")
            .build();
    final Counter browsersRecycled = Counter.builder()
            .name("screenshot_browsers_recycled_total")
            .help("Browsers replaced on purpose, by reason: age, captures or memory")
            .labelNames("reason")
            .build();
    final Counter browsersCrashed = Counter.builder()
            .name("screenshot_browsers_crashed_total")
            .help("Browsers that exited or lost their DevTools connection without being asked to")
            .build();
    final Counter blocked = Counter.builder()
            .name("screenshot_blocked_total")
            .help("Requests rejected by the URL policy, top-level or made by a page, by reason")
            .labelNames("reason")
            .build();

    ChromiumMetrics() {
        for (RecycleReason reason : RecycleReason.values()) {
            browsersRecycled.labelValues(reason.label);
        }
        for (BlockReason reason : BlockReason.values()) {
            blocked.labelValues(reason.label());
        }
    }

    /**
     * Registers the counters and two gauges read at scrape time.
     *
     * @param liveBrowsers the number of running browsers, starting or draining ones included
     * @param pssBytes the last measured PSS of all running browsers' process trees, in bytes
     */
    void register(PrometheusRegistry registry, DoubleSupplier liveBrowsers, DoubleSupplier pssBytes) {
        GaugeWithCallback browsers = GaugeWithCallback.builder()
                .name("screenshot_browsers")
                .help("Chromium browsers running now, starting and draining ones included")
                .callback(callback -> callback.call(liveBrowsers.getAsDouble()))
                .build();
        GaugeWithCallback memoryResident = GaugeWithCallback.builder()
                .name("screenshot_memory_resident_bytes")
                .help("Proportional set size (PSS) of all browsers' process trees, from /proc smaps_rollup")
                .unit(Unit.BYTES)
                .callback(callback -> callback.call(pssBytes.getAsDouble()))
                .build();
        registry.register(browsers);
        registry.register(memoryResident);
        registry.register(browsersLaunched);
        registry.register(browsersRecycled);
        registry.register(browsersCrashed);
        registry.register(blocked);
    }

    void recordBlocked(BlockReason reason) {
        blocked.labelValues(reason.label()).inc();
    }

    void recordRecycled(RecycleReason reason) {
        browsersRecycled.labelValues(reason.label).inc();
    }
}
