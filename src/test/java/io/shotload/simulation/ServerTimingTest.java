package io.shotload.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void captureDurationIsRead() {
        assertThat(ServerTiming.durationMillis("queue;dur=3, capture;dur=412.5", "capture")).isEqualTo(412.5);
    }

    @Test
    void metricWithDescriptionIsRead() {
        assertThat(ServerTiming.durationMillis("capture;desc=\"page\";dur=80", "capture")).isEqualTo(80.0);
    }

    @Test
    void similarNameIsNotConfused() {
        assertThat(ServerTiming.durationMillis("precapture;dur=5", "capture")).isNaN();
    }

    @Test
    void missingHeaderOrMetricIsNaN() {
        assertThat(ServerTiming.durationMillis(null, "capture")).isNaN();
        assertThat(ServerTiming.durationMillis("queue;dur=3", "capture")).isNaN();
    }
}
