package io.shotload.analysis;

import static io.shotload.analysis.RunFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.run.Histograms;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyPointsTest {

    private static List<ConcurrencyPoints.Point> collect(RunData data) {
        ScenarioMetricsCalculator calculator = new ScenarioMetricsCalculator(AnalysisSettings.defaults());
        Map<String, ScenarioMetrics> metrics = new HashMap<>();
        List<ScenarioRun> completed = data.scenarios().stream()
                .filter(run -> run.status() == ScenarioStatus.COMPLETED)
                .toList();
        completed.forEach(run -> metrics.put(run.name(), calculator.compute(run, List.of())));
        return ConcurrencyPoints.collect(completed, metrics);
    }

    @Test
    void steadyPointWeighsSteadySeconds() {
        // 6 users at 1000 ms + 1 s think time complete 3 requests/s.
        List<ConcurrencyPoints.Point> points = collect(new RunFixtures.RunBuilder(1)
                .level(spec("six", 6, 60, 12), 1000, 0.0).build());

        ConcurrencyPoints.Point steady = points.get(0);
        assertThat(steady.source()).isEqualTo(ConcurrencyPoints.STEADY);
        assertThat(steady.users()).isEqualTo(6.0);
        assertThat(steady.seconds()).isEqualTo(48.0);
        assertThat(steady.throughputRps()).isCloseTo(3.0, within(0.05));
    }

    @Test
    void rampSecondsGroupByActiveUsers() {
        // A 12 s ramp to 6 users keeps each count from 1 to 6 active for 2 s.
        List<ConcurrencyPoints.Point> ramp = collect(new RunFixtures.RunBuilder(1)
                .level(spec("six", 6, 60, 12), 1000, 0.0).build()).stream()
                .filter(point -> point.source().equals(ConcurrencyPoints.RAMP))
                .toList();

        assertThat(ramp).extracting(ConcurrencyPoints.Point::users).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(ramp).allSatisfy(point -> assertThat(point.seconds()).isEqualTo(2.0));
        assertThat(ramp.get(5).throughputRps()).isCloseTo(3.0, within(0.5));
    }

    @Test
    void rampPointsUseReportedCaptureTimes() {
        // One user for a second, then two. In the second second 1.5 captures run on average, and the 5 captures
        // that start there find 9 running in all, themselves included, and take 1800 ms in all.
        long start = 10_000;
        List<SecondSample> seconds = List.of(
                new SecondSample(start, 1, 3, 3, 0, 330.0, 330L, 330L, 330L, 330L).withCaptureTimes(900, 3, 3, 900, 3),
                new SecondSample(start + 1_000, 2, 5, 5, 0, 330.0, 330L, 330L, 330L, 330L)
                        .withCaptureTimes(1500, 5, 9, 1800, 5),
                new SecondSample(start + 2_000, 2, 5, 5, 0, 330.0, 330L, 330L, 330L, 330L)
                        .withCaptureTimes(1500, 5, 9, 1500, 5));
        String histogram = Histograms.encode(Histograms.newMillisHistogram());
        ScenarioRun run = new ScenarioRun(spec("two", 2, 3, 2), ScenarioStatus.COMPLETED, null, start, start + 3_000,
                13, 13, 0, Map.of("200", 13L), Map.of(), 0, histogram, histogram, seconds);
        ScenarioMetrics metrics = new ScenarioMetricsCalculator(AnalysisSettings.defaults()).compute(run, List.of());

        List<ConcurrencyPoints.Point> ramp = ConcurrencyPoints.collect(List.of(run), Map.of("two", metrics)).stream()
                .filter(point -> point.source().equals(ConcurrencyPoints.RAMP))
                .toList();

        assertThat(ramp).extracting(ConcurrencyPoints.Point::users).containsExactly(1.0, 2.0);
        assertThat(ramp.get(0).inServiceConcurrency()).isCloseTo(0.9, within(1e-9));
        assertThat(ramp.get(0).serviceConcurrency()).isCloseTo(1.0, within(1e-9));
        assertThat(ramp.get(0).serviceThroughputRps()).isCloseTo(1.0 / 0.3, within(1e-9));
        assertThat(ramp.get(1).inServiceConcurrency()).isCloseTo(1.5, within(1e-9));
        assertThat(ramp.get(1).serviceConcurrency()).isCloseTo(1.8, within(1e-9));
        // That concurrency at 360 ms per success.
        assertThat(ramp.get(1).serviceThroughputRps()).isCloseTo(1.8 / 0.36, within(1e-9));
        assertThat(ramp.get(1).throughputRps()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void rampsOfScenariosPool() {
        List<ConcurrencyPoints.Point> ramp = collect(new RunFixtures.RunBuilder(1)
                .level(spec("two", 2, 30, 4), 1000, 0.0)
                .level(spec("four", 4, 30, 4), 1000, 0.0)
                .build()).stream()
                .filter(point -> point.source().equals(ConcurrencyPoints.RAMP))
                .toList();

        // "two" spends 2 s at 1 user and 2 s at 2 users; "four" spends 1 s at each of 1 to 4 users.
        assertThat(ramp).extracting(ConcurrencyPoints.Point::users).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(ramp).extracting(ConcurrencyPoints.Point::seconds).containsExactly(3.0, 3.0, 1.0, 1.0);
    }

    @Test
    void abortedScenarioIsLeftOut() {
        RunData data = new RunFixtures.RunBuilder(1)
                .level(spec("one", 1, 30, 0), 1000, 0.0)
                .level(new RunFixtures.Level(spec("cut", 4, 30, 0), 1000, 0.0, 1.0, ScenarioStatus.ABORTED,
                        "target unreachable"))
                .build();

        assertThat(collect(data)).extracting(ConcurrencyPoints.Point::users).containsExactly(1.0);
    }
}
