package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential requests against servers with the same seed see the same outcomes and capture times.
 *
 * <p>Server-Timing reports measured time, so a capture can differ from its twin by the timer's lateness.
 * A pause of the test JVM (garbage collection, a busy machine) can add tens of milliseconds to a few
 * captures. The times are therefore compared by their median difference and by the share that agree
 * within 60 model ms (6 ms real), not one by one.
 */
class SeedReproducibilityTest {

    private static final double TIME_SCALE = 0.1;
    private static final int REQUESTS = 30;
    private static final double AGREEMENT_MODEL_MILLIS = 60;

    private record Outcome(int status, double captureModelMillis) {
    }

    @Test
    void sameSeedRepeatsOutcomes() {
        List<Outcome> first = run(7);
        List<Outcome> second = run(7);

        double[] differences = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            differences[i] = Math.abs(second.get(i).captureModelMillis() - first.get(i).captureModelMillis());
        }
        Arrays.sort(differences);
        long agreeing = Arrays.stream(differences).filter(difference -> difference <= AGREEMENT_MODEL_MILLIS).count();

        assertThat(statuses(second)).isEqualTo(statuses(first));
        assertThat(differences[REQUESTS / 2]).as("median difference in model ms").isCloseTo(0, within(20.0));
        assertThat(agreeing).as("captures within %s model ms of their twin", AGREEMENT_MODEL_MILLIS)
                .isGreaterThanOrEqualTo(Math.round(0.9 * REQUESTS));
    }

    @Test
    void otherSeedChangesOutcomes() {
        List<Outcome> seven = run(7);
        List<Outcome> eight = run(8);

        long differentTimes = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (Math.abs(seven.get(i).captureModelMillis() - eight.get(i).captureModelMillis()) > AGREEMENT_MODEL_MILLIS) {
                differentTimes++;
            }
        }
        assertThat(differentTimes).as("captures whose time differs by more than 60 model ms").isGreaterThan(REQUESTS / 2);
        assertThat(statuses(eight)).as("statuses with seed 8").isNotEqualTo(statuses(seven));
    }

    private static List<Outcome> run(long seed) {
        String config = """
                {"mock": {"capture_median_millis": 300, "failure_fraction": 0.2, "slow_fraction": 0.3,
                          "degradation_sigma": 0, "degradation_kappa": 0,
                          "browser_launch_millis": 0, "time_scale": %s},
                 "seed": %d}""".formatted(TIME_SCALE, seed);
        List<Outcome> outcomes = new ArrayList<>();
        try (StubServer server = TestServers.start(config)) {
            StubClient client = new StubClient(server);
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<byte[]> response = client.screenshot("width=64&height=64");
                outcomes.add(new Outcome(response.statusCode(), StubClient.captureMillis(response) / TIME_SCALE));
            }
        }
        return outcomes;
    }

    private static List<Integer> statuses(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::status).toList();
    }
}
