package io.shotload.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs Gatling against a stub whose degradation follows the Universal Scalability Law with known
 * coefficients, and checks that the post-processor's fit recovers them.
 *
 * <p>The stub's captures take a constant 500 ms times {@code 1 + sigma(n-1) + kappa n(n-1)}, with
 * sigma = 0.05 and kappa = 0.01, no slow captures and no failures, where n is the number of captures
 * running when a capture starts. Throughput against n therefore follows
 * X(n) = 2 n / (1 + 0.05(n-1) + 0.01 n(n-1)) per second, whose peak lies at
 * n* = sqrt((1 - sigma) / kappa) = 9.75 concurrent captures. A closed loop of users without think time
 * keeps slightly fewer captures running on average than there are users, because the load generator
 * leaves a gap between a response and the next request. A capture still finds about as many running as
 * there are users, so the coefficients are compared with the fit against in-service concurrency, which
 * counts the captures running when each capture starts.
 */
class ScalabilityRecoveryIT {

    private static final double CAPTURE_MILLIS = 500;
    private static final double SIGMA = 0.05;
    private static final double KAPPA = 0.01;
    private static final double PEAK_USERS = Math.sqrt((1 - SIGMA) / KAPPA);
    /** Relative tolerance of the coefficients and of N*. */
    private static final double TOLERANCE = 0.15;

    private static JsonNode scalability;
    private static String output;

    @BeforeAll
    static void runKnownCurve() throws Exception {
        Path results = Path.of(System.getProperty("shotload.testResultsDir", "target/it-results")).resolve("usl");
        GatlingProcess.Result run = GatlingProcess.run(results, Map.of(
                "shotload.plan", "usl-check",
                "shotload.stubConfig", resource("usl-check-stub.json").toString(),
                "shotload.failOn", "never",
                // Every level must run: the curve past its peak is what pins kappa down.
                "shotload.degradationTolerancePercent", "100",
                "shotload.minStability", "0"), Duration.ofMinutes(4));
        output = run.output();
        assertThat(run.exitCode()).as(output).isZero();
        scalability = Json.mapper().readTree(results.resolve("reports/latest_results.json").toFile())
                .at("/analysis/scalability/service_concurrency");
    }

    @Test
    void lambdaIsRecovered() {
        assertThat(scalability.at("/lambda/value").asDouble()).as(scalability.toPrettyString())
                .isCloseTo(1000.0 / CAPTURE_MILLIS, within(1000.0 / CAPTURE_MILLIS * TOLERANCE));
    }

    @Test
    void sigmaIsRecovered() {
        assertThat(scalability.at("/sigma/value").asDouble()).as(scalability.toPrettyString())
                .isCloseTo(SIGMA, within(SIGMA * TOLERANCE));
    }

    @Test
    void kappaIsRecovered() {
        assertThat(scalability.at("/kappa/value").asDouble()).as(scalability.toPrettyString())
                .isCloseTo(KAPPA, within(KAPPA * TOLERANCE));
    }

    @Test
    void peakConcurrencyMatchesStub() {
        assertThat(scalability.at("/peak_concurrency").asDouble()).as(scalability.toPrettyString())
                .isCloseTo(PEAK_USERS, within(PEAK_USERS * TOLERANCE));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScalabilityRecoveryIT.class.getClassLoader().getResource(name).toURI());
    }
}
