package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryCheckDelayTest {

    @Test
    void cheapPassWaitsMonitorInterval() {
        assertThat(BrowserPool.memoryCheckDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofMillis(5))).isEqualTo(Duration.ofSeconds(2));
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofMillis(20))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void costlyPassWaitsHundredTimesItsCpu() {
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofMillis(50))).isEqualTo(Duration.ofSeconds(5));
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofMillis(180))).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void waitIsCappedAtThirtySeconds() {
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofMillis(400))).isEqualTo(Duration.ofSeconds(30));
        assertThat(BrowserPool.memoryCheckDelay(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(30));
    }
}
