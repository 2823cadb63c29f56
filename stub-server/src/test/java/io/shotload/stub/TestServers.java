package io.shotload.stub;

import io.shotload.stub.config.StubConfig;

/** Starts stub servers for tests on 127.0.0.1 and a free port. */
final class TestServers {

    private TestServers() {
    }

    static StubServer start(String configJson) {
        return StubServer.start(StubConfig.parse(configJson), "127.0.0.1", 0);
    }

    /** Returns a mock section with a constant base capture time and no randomness other than the given fractions. */
    static String constantMock(double baseMillis, double slowFraction, double failureFraction, double timeScale) {
        return """
                "mock": {
                  "capture_median_millis": %s, "capture_min_millis": %s, "capture_max_millis": %s,
                  "capture_log_sd": 0, "slow_fraction": %s, "failure_fraction": %s,
                  "degradation_sigma": 0, "degradation_kappa": 0, "browser_launch_millis": 0,
                  "time_scale": %s
                }""".formatted(baseMillis, baseMillis, baseMillis, slowFraction, failureFraction, timeScale);
    }
}
