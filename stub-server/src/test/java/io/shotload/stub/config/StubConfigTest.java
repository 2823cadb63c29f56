package io.shotload.stub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StubConfigTest {

    @Test
    void defaultsMatchFieldConstants() {
        StubConfig config = StubConfig.defaults();

        assertThat(config.browserPool().maxPoolSize()).isEqualTo(BrowserPoolConfig.MAX_POOL_SIZE.defaultValue());
        assertThat(config.browserPool().maxBrowserAge()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.browserPool().browserTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.screenshotQueue().maxConcurrent()).isEqualTo(15);
        assertThat(config.screenshotQueue().defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.screenshotQueue().maxQueueSize()).isEqualTo(100);
        assertThat(config.resourceLimits().memoryLimitMegabytesPerBrowser()).isEqualTo(512);
        assertThat(config.resourceLimits().cpuLimitPercent()).isEqualTo(80);
        assertThat(config.monitoring().enablePerformanceMonitoring()).isTrue();
        assertThat(config.monitoring().errorRateThresholdPercent()).isEqualTo(20.0);
        assertThat(config.monitoring().averageResponseTimeThreshold()).isEqualTo(Duration.ofMillis(8000));
        assertThat(config.mock().captureMedianMillis()).isEqualTo(600.0);
        assertThat(config.mock().degradationSigma()).isEqualTo(0.02);
        assertThat(config.mock().degradationKappa()).isEqualTo(0.02);
        assertThat(config.mock().timeScale()).isEqualTo(1.0);
        assertThat(config.seed()).isEqualTo(1L);
    }

    @Test
    void basisObjectIsAcceptedAndIgnored() {
        StubConfig config = StubConfig.parse("""
                {"browser_pool": {"max_pool_size": 12},
                 "basis": {"browser_pool.max_pool_size": "ceil(10 optimal users x 1.2 headroom) = 12"}}
                """);

        assertThat(config.browserPool().maxPoolSize()).isEqualTo(12);
        assertThat(config.toJson().has(StubConfig.BASIS)).isFalse();
    }

    @Test
    void basisThatIsNoObjectIsRejected() {
        assertThatThrownBy(() -> StubConfig.parse("{\"basis\": \"because\"}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("basis = \"because\"");
    }

    @Test
    void partialFileKeepsOtherDefaults() {
        StubConfig config = StubConfig.parse("""
                {"browser_pool": {"max_pool_size": 8},
                 "screenshot_queue": {"max_concurrent": 4, "default_timeout": 45, "max_queue_size": 20},
                 "resource_limits": {"cpu_limit_percent": 50},
                 "monitoring": {"alert_thresholds": {"error_rate_percent": 5.5}}}
                """);

        assertThat(config.browserPool().maxPoolSize()).isEqualTo(8);
        assertThat(config.browserPool().maxBrowserAge()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.screenshotQueue().defaultTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.resourceLimits().cpuLimitPercent()).isEqualTo(50);
        assertThat(config.resourceLimits().memoryLimitMegabytesPerBrowser()).isEqualTo(512);
        assertThat(config.monitoring().errorRateThresholdPercent()).isEqualTo(5.5);
        assertThat(config.monitoring().averageResponseTimeThreshold()).isEqualTo(Duration.ofMillis(8000));
        assertThat(config.mock()).isEqualTo(MockConfig.defaults());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        StubConfig config = StubConfig.parse("""
                {"seed": -42, "mock": {"time_scale": 0.25, "slow_factor": 3},
                 "monitoring": {"enable_performance_monitoring": false}}
                """);

        StubConfig reparsed = StubConfig.parse(config.toJson().toString());

        assertThat(reparsed).isEqualTo(config);
        assertThat(reparsed.seed()).isEqualTo(-42L);
    }

    @Test
    void integralDecimalIsAcceptedForIntegerField() {
        StubConfig config = StubConfig.parse("{\"screenshot_queue\": {\"default_timeout\": 30.0}}");

        assertThat(config.screenshotQueue().defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pool size zero         | {"browser_pool": {"max_pool_size": 0}}                         | Invalid stub config: browser_pool.max_pool_size = 0; expected 1..1000.
            pool size too large    | {"browser_pool": {"max_pool_size": 1001}}                      | Invalid stub config: browser_pool.max_pool_size = 1001; expected 1..1000.
            pool size as string    | {"browser_pool": {"max_pool_size": "5"}}                       | Invalid stub config: browser_pool.max_pool_size = "5"; expected an integer 1..1000.
            pool size fractional   | {"browser_pool": {"max_pool_size": 2.5}}                       | Invalid stub config: browser_pool.max_pool_size = 2.5; expected an integer 1..1000.
            browser age zero       | {"browser_pool": {"max_browser_age_seconds": 0}}               | Invalid stub config: browser_pool.max_browser_age_seconds = 0; expected 1..86400.
            browser timeout null   | {"browser_pool": {"browser_timeout_seconds": null}}            | Invalid stub config: browser_pool.browser_timeout_seconds = null; expected 1..3600, or the field left out.
            concurrency negative   | {"screenshot_queue": {"max_concurrent": -1}}                   | Invalid stub config: screenshot_queue.max_concurrent = -1; expected 1..100000.
            timeout too long       | {"screenshot_queue": {"default_timeout": 3601}}                | Invalid stub config: screenshot_queue.default_timeout = 3601; expected 1..3600.
            queue size negative    | {"screenshot_queue": {"max_queue_size": -5}}                   | Invalid stub config: screenshot_queue.max_queue_size = -5; expected 0..1000000.
            memory limit too small | {"resource_limits": {"memory_limit_mb_per_browser": 10}}       | Invalid stub config: resource_limits.memory_limit_mb_per_browser = 10; expected 64..65536.
            cpu percent too high   | {"resource_limits": {"cpu_limit_percent": 150}}                | Invalid stub config: resource_limits.cpu_limit_percent = 150; expected 1..100.
            monitoring as string   | {"monitoring": {"enable_performance_monitoring": "yes"}}       | Invalid stub config: monitoring.enable_performance_monitoring = "yes"; expected true or false.
            error rate too high    | {"monitoring": {"alert_thresholds": {"error_rate_percent": 101}}} | Invalid stub config: monitoring.alert_thresholds.error_rate_percent = 101; expected 0..100.
            response time zero     | {"monitoring": {"alert_thresholds": {"avg_response_time_ms": 0}}} | Invalid stub config: monitoring.alert_thresholds.avg_response_time_ms = 0; expected 1..3600000.
            thresholds not object  | {"monitoring": {"alert_thresholds": 5}}                        | Invalid stub config: monitoring.alert_thresholds = 5; expected a JSON object.
            unknown threshold      | {"monitoring": {"alert_thresholds": {"p99_ms": 5}}}            | Invalid stub config: monitoring.alert_thresholds.p99_ms = 5 is not a known field; expected one of error_rate_percent, avg_response_time_ms.
            slow fraction above 1  | {"mock": {"slow_fraction": 1.5}}                               | Invalid stub config: mock.slow_fraction = 1.5; expected 0..1.
            time scale zero        | {"mock": {"time_scale": 0}}                                    | Invalid stub config: mock.time_scale = 0; expected 0.001..100.
            sigma as string        | {"mock": {"degradation_sigma": "high"}}                        | Invalid stub config: mock.degradation_sigma = "high"; expected a number 0..10.
            max below min          | {"mock": {"capture_min_millis": 500, "capture_max_millis": 400, "capture_median_millis": 450}} | Invalid stub config: mock.capture_max_millis = 400; expected at least mock.capture_min_millis = 500.
            median outside clamp   | {"mock": {"capture_median_millis": 100}}                       | Invalid stub config: mock.capture_median_millis = 100; expected 200..2000 (capture_min_millis..capture_max_millis).
            seed as string         | {"seed": "abc"}                                                | Invalid stub config: seed = "abc"; expected a 64-bit integer.
            unknown section        | {"firefox": {}}                                                | Invalid stub config: firefox = {} is not a known field; expected one of browser_pool, screenshot_queue, resource_limits, monitoring, mock, chromium, url_policy, basis, seed.
            unknown pool field     | {"browser_pool": {"max_size": 5}}                              | Invalid stub config: browser_pool.max_size = 5 is not a known field; expected one of max_pool_size, max_browser_age_seconds, browser_timeout_seconds.
            section not object     | {"browser_pool": [1, 2]}                                       | Invalid stub config: browser_pool = [1,2]; expected a JSON object.
            top level not object   | [1]                                                            | Invalid stub config: expected a JSON object at the top level, found ARRAY.
            """)
    void invalidConfigIsRejected(String caseName, String json, String expectedMessage) {
        assertThatThrownBy(() -> StubConfig.parse(json))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> StubConfig.parse("{\n  \"seed\": 1,\n  oops\n}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Invalid stub config: malformed JSON: ")
                .hasMessageContaining("at line 3, column");
    }

    @Test
    void duplicateKeyIsRejected() {
        assertThatThrownBy(() -> StubConfig.parse("{\"seed\": 1, \"seed\": 2}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Duplicate field 'seed'");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path folder) {
        Path missing = folder.resolve("absent.json");

        assertThatThrownBy(() -> StubConfig.load(missing))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Invalid stub config: cannot read " + missing + " (NoSuchFileException");
    }

    @Test
    void loadReadsFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("stub.json");
        Files.writeString(file, "{\"seed\": 99}");

        assertThat(StubConfig.load(file).seed()).isEqualTo(99L);
    }

    @Test
    void codeBuiltConfigUsesSameRules() {
        assertThatThrownBy(() -> new BrowserPoolConfig(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid stub config: browser_pool.max_pool_size = 0; expected 1..1000.");
        assertThatThrownBy(() -> new ScreenshotQueueConfig(1, Duration.ofMillis(1500), 1))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid stub config: screenshot_queue.default_timeout = PT1.5S; expected whole seconds 1..3600.");
    }

    @Test
    void invalidFieldExposesItsPath() {
        assertThatThrownBy(() -> StubConfig.parse("{\"resource_limits\": {\"cpu_limit_percent\": 0}}"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.fieldPath()).isEqualTo("resource_limits.cpu_limit_percent"));
    }
}
