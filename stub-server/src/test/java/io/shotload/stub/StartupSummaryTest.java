package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.StubConfig;
import org.junit.jupiter.api.Test;

/** The config summary in the stub's start-up log line, which names only settings of the chosen backend. */
class StartupSummaryTest {

    private static final StubConfig CONFIG = StubConfig.parse("""
            {"seed": 7, "mock": {"time_scale": 0.5},
             "chromium": {"pages_per_browser": 3, "isolation": "reused_page", "load_timeout_ms": 8000,
                          "hard_deadline_ms": 15000}}
            """);

    @Test
    void mockSummaryShowsSeedAndTimeScale() {
        String summary = StubServer.summary(CONFIG, CaptureBackends.MOCK);

        assertThat(summary).contains("seed 7");
        assertThat(summary).contains("time scale 0.5");
        assertThat(summary).doesNotContain("pages per browser");
    }

    @Test
    void chromiumSummaryShowsPagesAndTimeouts() {
        String summary = StubServer.summary(CONFIG, CaptureBackends.CHROMIUM);

        assertThat(summary).contains("3 pages per browser");
        assertThat(summary).contains("isolation reused_page");
        assertThat(summary).contains("load timeout 8000 ms");
        assertThat(summary).contains("hard deadline 15000 ms");
        assertThat(summary).doesNotContain("time scale");
        assertThat(summary).doesNotContain("seed");
    }

    @Test
    void summaryStartsWithServerLimits() {
        for (String backend : new String[] {CaptureBackends.MOCK, CaptureBackends.CHROMIUM}) {
            assertThat(StubServer.summary(CONFIG, backend)).as(backend)
                    .startsWith("5 browsers, 15 concurrent captures, queue of 100, timeout 30 s");
        }
    }
}
