package io.shotload.stub.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.shotload.stub.admission.AdmissionQueue;
import io.shotload.stub.timer.LatenessTimer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's own Prometheus metrics; the backend adds its memory and browser metrics.
 *
 * <ul>
 *   <li>{@code screenshot_requests_total{status}}: responses of {@code /screenshot} by HTTP status.
 *   <li>{@code screenshot_capture_duration_seconds}: time from capture start until the backend finished,
 *       for every capture, successful or not.
 *   <li>{@code screenshot_queue_wait_seconds}: time from arrival until a slot was free, for every request
 *       that got one (0 for those that started at once).
 *   <li>{@code screenshot_queue_depth}, {@code screenshot_captures_running}: the admission queue now.
 *   <li>{@code screenshot_timer_lateness_seconds}: summary of how late timer tasks ran, since start, with
 *       quantiles from an HdrHistogram (3 significant digits).
 *   <li>{@code jvm_memory_used_bytes{area}}: the stub JVM's real heap and non-heap use, under the name the
 *       standard JVM instrumentation uses.
 * </ul>
 */
public final class StubMetrics {

    private static final double[] CAPTURE_BUCKETS_SECONDS =
            {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 60};
    private static final double[] QUEUE_WAIT_BUCKETS_SECONDS =
            {0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60};
    private static final double[] LATENESS_QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;
    /** Statuses exported from start, at 0, so that rates over them exist before the first such response. */
    private static final List<String> PRESET_STATUSES = List.of("200", "400", "429", "500", "504");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram captureDuration;
    private final Histogram queueWait;

    public StubMetrics(AdmissionQueue admission, LatenessTimer timer) {
        requests = Counter.builder()
                .name("screenshot_requests_total")
                .help("Responses of /screenshot by HTTP status code")
                .labelNames("status")
                .register(registry);
        for (String status : PRESET_STATUSES) {
            requests.labelValues(status);
        }
        captureDuration = Histogram.builder()
                .name("screenshot_capture_duration_seconds")
                .help("Time from capture start until the backend finished, successful or not")
                .classicOnly()
                .classicUpperBounds(CAPTURE_BUCKETS_SECONDS)
                .register(registry);
        queueWait = Histogram.builder()
                .name("screenshot_queue_wait_seconds")
                .help("Time from arrival until a capture slot was free, for requests that got one")
                .classicOnly()
                .classicUpperBounds(QUEUE_WAIT_BUCKETS_SECONDS)
                .register(registry);
        GaugeWithCallback.builder()
                .name("screenshot_queue_depth")
                .help("Requests waiting for a capture slot")
                .callback(callback -> callback.call(admission.queueDepth()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("screenshot_captures_running")
                .help("Captures running now, at most screenshot_queue.max_concurrent")
                .callback(callback -> callback.call(admission.running()))
                .register(registry);
        SummaryWithCallback.builder()
                .name("screenshot_timer_lateness_seconds")
                .help("How late the stub's timer ran its tasks (actual minus scheduled start), since start")
                .callback(callback -> {
                    org.HdrHistogram.Histogram nanos = timer.latenessSnapshotNanos();
                    callback.call(nanos.getTotalCount(), timer.latenessSumNanos() / NANOS_PER_SECOND, quantiles(nanos));
                })
                .register(registry);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        GaugeWithCallback.builder()
                .name("jvm_memory_used_bytes")
                .help("Used bytes of a given JVM memory area")
                .labelNames("area")
                .callback(callback -> {
                    callback.call(memory.getHeapMemoryUsage().getUsed(), "heap");
                    callback.call(memory.getNonHeapMemoryUsage().getUsed(), "nonheap");
                })
                .register(registry);
    }

    private static Quantiles quantiles(org.HdrHistogram.Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return Quantiles.EMPTY;
        }
        List<Quantile> quantiles = new ArrayList<>();
        for (double quantile : LATENESS_QUANTILES) {
            quantiles.add(new Quantile(quantile, nanos.getValueAtPercentile(quantile * 100) / NANOS_PER_SECOND));
        }
        return Quantiles.of(quantiles);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts one {@code /screenshot} response. */
    public void recordResponse(int status) {
        requests.labelValues(Integer.toString(status)).inc();
    }

    public void recordCaptureSeconds(double seconds) {
        captureDuration.observe(seconds);
    }

    public void recordQueueWaitSeconds(double seconds) {
        queueWait.observe(seconds);
    }
}
