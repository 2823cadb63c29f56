package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Checks the mock's capture times against the documented model. Requests ask for 64x64 images so the
 * transfer does not dominate, and degradation is off where the test needs the base distribution.
 */
class MockLatencyTest {

    private static final String SMALL_IMAGE = "width=64&height=64";
    private static final double MEDIAN_MILLIS = 600;
    private static final double LOG_SD = 0.5;
    private static final double MIN_MILLIS = 200;
    private static final double MAX_MILLIS = 2000;
    private static final double SLOW_FRACTION = 0.10;
    private static final double SLOW_FACTOR = 2.5;

    @Test
    void captureQuantilesMatchModel() {
        double timeScale = 0.5;
        String config = """
                {"screenshot_queue": {"max_concurrent": 128, "max_queue_size": 10000, "default_timeout": 120},
                 "mock": {"degradation_sigma": 0, "degradation_kappa": 0, "browser_launch_millis": 0,
                          "time_scale": %s},
                 "seed": 11}""".formatted(timeScale);
        double[] modelMillis;
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            List<HttpResponse<byte[]>> responses = client.screenshotsConcurrently(SMALL_IMAGE, 1600, 128);
            modelMillis = responses.stream()
                    .filter(response -> response.statusCode() == 200 || response.statusCode() == 500)
                    .mapToDouble(response -> StubClient.captureMillis(response) / timeScale)
                    .sorted()
                    .toArray();
        }

        assertThat(modelMillis.length).isEqualTo(1600);
        // Tolerance: 5% covers the sampling error of 1,600 draws at these quantiles (about 2-3%) plus
        // timer lateness, which the division by the time scale doubles.
        for (double p : new double[] {0.10, 0.25, 0.50, 0.75, 0.90}) {
            double expected = modelQuantile(p);
            double observed = modelMillis[(int) Math.floor(p * (modelMillis.length - 1))];
            assertThat(observed).as("quantile %.2f in model ms", p).isCloseTo(expected, within(0.05 * expected));
        }
        double mean = Arrays.stream(modelMillis).average().orElseThrow();
        assertThat(mean).as("mean in model ms").isCloseTo(779, within(0.05 * 779));
    }

    @Test
    void slowAndFailureFractionsWithinBinomialBound() {
        int requests = 3000;
        double timeScale = 0.5;
        String config = "{\"screenshot_queue\": {\"max_concurrent\": 200, \"max_queue_size\": 10000},"
                + TestServers.constantMock(400, SLOW_FRACTION, 0.02, timeScale) + ", \"seed\": 5}";
        List<HttpResponse<byte[]>> responses;
        try (StubServer server = TestServers.start(config)) {
            responses = new StubClient(server).screenshotsConcurrently(SMALL_IMAGE, requests, 200);
        }

        // A normal capture takes 400 model ms (200 ms real) and a slow one 1000 (500 ms real). 700 separates
        // them with 150 ms real to spare for timer lateness on a busy machine.
        long slow = responses.stream().filter(response -> StubClient.captureMillis(response) / timeScale > 700).count();
        long failed = responses.stream().filter(response -> response.statusCode() == 500).count();
        assertThat(responses).hasSize(requests);
        assertThat(slow / (double) requests).as("slow fraction")
                .isCloseTo(SLOW_FRACTION, within(binomialBound(SLOW_FRACTION, requests)));
        assertThat(failed / (double) requests).as("failure fraction")
                .isCloseTo(0.02, within(binomialBound(0.02, requests)));
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isIn(200, 500));
    }

    @Test
    void captureTypeFactorsApplied() {
        double timeScale = 1;
        try (StubServer server = TestServers.start("{" + TestServers.constantMock(400, 0, 0, timeScale) + "}")) {
            StubClient client = new StubClient(server);
            client.screenshot(SMALL_IMAGE + "&type=full_page");
            client.screenshot(SMALL_IMAGE + "&type=element&selector=p");

            double viewport = StubClient.captureMillis(client.screenshot(SMALL_IMAGE)) / timeScale;
            double fullPage = StubClient.captureMillis(client.screenshot(SMALL_IMAGE + "&type=full_page")) / timeScale;
            double element = StubClient.captureMillis(client.screenshot(SMALL_IMAGE + "&type=element&selector=p")) / timeScale;

            // 40 ms allows for timer lateness on a busy machine; the expected values are 80 ms or more apart.
            assertThat(viewport).as("viewport model ms").isCloseTo(400, within(40.0));
            assertThat(fullPage).as("full page model ms, factor 1.6").isCloseTo(640, within(40.0));
            assertThat(element).as("element model ms, factor 0.8").isCloseTo(320, within(40.0));
        }
    }

    @Test
    void degradationFollowsUniversalScalabilityLaw() {
        double timeScale = 0.5;
        double sigma = 0.1;
        double kappa = 0.05;
        String config = """
                {"mock": {"capture_median_millis": 400, "capture_min_millis": 400, "capture_max_millis": 400,
                          "capture_log_sd": 0, "slow_fraction": 0, "failure_fraction": 0,
                          "degradation_sigma": %s, "degradation_kappa": %s, "browser_launch_millis": 0,
                          "time_scale": %s}}""".formatted(sigma, kappa, timeScale);
        int concurrent = 8;
        double[] observed;
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            client.screenshot(SMALL_IMAGE);
            observed = client.screenshotsConcurrently(SMALL_IMAGE, concurrent, concurrent).stream()
                    .mapToDouble(response -> StubClient.captureMillis(response) / timeScale)
                    .sorted()
                    .toArray();
        }

        // The k-th capture to start sees k running, itself included, because none ends within 200 ms real.
        // Tolerance: 4% plus 30 model ms (15 ms real) for timer lateness on a busy 2-core machine. The
        // smallest gap between neighbouring expected values is 80 model ms, so a wrong factor still fails.
        for (int k = 1; k <= concurrent; k++) {
            double expected = 400 * (1 + sigma * (k - 1) + kappa * k * (k - 1));
            assertThat(observed[k - 1]).as("capture %d of %d in model ms, all %s", k, concurrent, Arrays.toString(observed))
                    .isCloseTo(expected, within(0.04 * expected + 30));
        }
    }

    /** Returns the half-width of the 99.9% normal-approximation interval of a binomial fraction. */
    private static double binomialBound(double p, int n) {
        return 3.29 * Math.sqrt(p * (1 - p) / n);
    }

    /** Returns the p-quantile of the modelled viewport capture time at one running capture, by bisection. */
    private static double modelQuantile(double p) {
        double low = MIN_MILLIS;
        double high = MAX_MILLIS * SLOW_FACTOR;
        for (int i = 0; i < 100; i++) {
            double middle = (low + high) / 2;
            if (modelCdf(middle) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return high;
    }

    /** Returns P(capture <= t): a 90/10 mixture of the clamped lognormal and the same scaled by 2.5. */
    private static double modelCdf(double millis) {
        return (1 - SLOW_FRACTION) * clampedLognormalCdf(millis) + SLOW_FRACTION * clampedLognormalCdf(millis / SLOW_FACTOR);
    }

    private static double clampedLognormalCdf(double millis) {
        if (millis < MIN_MILLIS) {
            return 0;
        }
        if (millis >= MAX_MILLIS) {
            return 1;
        }
        return new NormalDistribution().cumulativeProbability(Math.log(millis / MEDIAN_MILLIS) / LOG_SD);
    }
}
