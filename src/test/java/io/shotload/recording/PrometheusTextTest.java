package io.shotload.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP screenshot_queue_depth Requests waiting for a capture slot.
            # TYPE screenshot_queue_depth gauge
            screenshot_queue_depth 7.0
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap"} 1.5E8
            jvm_memory_used_bytes{area="nonheap"} 4.0E7
            screenshot_requests_total{status="200"} 90 1700000000000
            screenshot_requests_total{status="500"} 10
            weird_line_without_value
            """;

    @Test
    void plainGaugeIsRead() {
        assertThat(PrometheusText.parse(EXPOSITION).value("screenshot_queue_depth")).contains(7.0);
    }

    @Test
    void labelledSeriesIsSelected() {
        assertThat(PrometheusText.parse(EXPOSITION).value("jvm_memory_used_bytes", "area", "heap")).contains(1.5e8);
    }

    @Test
    void labelSetsAreSummed() {
        assertThat(PrometheusText.parse(EXPOSITION).value("screenshot_requests_total")).contains(100.0);
    }

    @Test
    void missingMetricIsEmpty() {
        assertThat(PrometheusText.parse(EXPOSITION).value("screenshot_browsers")).isEmpty();
    }
}
