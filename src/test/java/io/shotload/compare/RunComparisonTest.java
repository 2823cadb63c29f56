package io.shotload.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shotload.compare.ResultsSnapshot.ScenarioFigures;
import io.shotload.compare.RunComparison.Row;
import io.shotload.compare.RunComparison.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    private static final RegressionThresholds DEFAULTS = RegressionThresholds.defaults();

    private static ResultsSnapshot snapshot(double maxThroughput, Integer poolSize, ScenarioFigures... scenarios) {
        return new ResultsSnapshot(Path.of("results.json"), "default", "http://127.0.0.1:8080", maxThroughput,
                poolSize, List.of(scenarios));
    }

    private static ScenarioFigures scenario(String name, double throughput, double p95, double errorRate,
            double requests) {
        return new ScenarioFigures(name, true, throughput, p95, errorRate, requests, false);
    }

    private static Row row(RunComparison.Result result, String metric, String scenario) {
        return result.rows().stream()
                .filter(row -> row.metric().equals(metric) && Objects.equals(row.scenario(), scenario))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No row " + metric + " for " + scenario));
    }

    @Test
    void dropAtThresholdWarns() {
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 1, 10_000)),
                snapshot(9, 12, scenario("a", 9, 1000, 1, 10_000)), DEFAULTS);

        assertThat(row(result, "throughput drop", "a").change()).isCloseTo(10.0, within(1e-9));
        assertThat(row(result, "throughput drop", "a").status()).isEqualTo(Status.WARNING);
        assertThat(result.exitCode()).isEqualTo(RunComparison.EXIT_WARNINGS);
    }

    @Test
    void p95DoublingIsRegression() {
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 1, 10_000)),
                snapshot(10, 12, scenario("a", 10, 2000, 1, 10_000)), DEFAULTS);

        assertThat(row(result, "p95 increase", "a").status()).isEqualTo(Status.CRITICAL);
        assertThat(result.exitCode()).isEqualTo(RunComparison.EXIT_REGRESSION);
    }

    @Test
    void improvementIsOk() {
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 3, 10_000)),
                snapshot(12, 12, scenario("a", 12, 800, 1, 10_000)), DEFAULTS);

        assertThat(result.exitCode()).isEqualTo(RunComparison.EXIT_NO_REGRESSION);
    }

    @Test
    void errorRateNoiseStaysOk() {
        // 2% and 4% of 250 requests: the noise band is 1.96 x sqrt(0.02 x 0.98 / 250 + 0.04 x 0.96 / 250) = 3.0 pp.
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 2, 250)),
                snapshot(10, 12, scenario("a", 10, 1000, 4, 250)), DEFAULTS);

        Row errors = row(result, "error rate increase", "a");
        assertThat(errors.status()).isEqualTo(Status.OK);
        assertThat(errors.note()).isEqualTo("within sampling noise of 3.0 pp");
    }

    @Test
    void errorRateBeyondNoiseWarns() {
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 2, 20_000)),
                snapshot(10, 12, scenario("a", 10, 1000, 4, 20_000)), DEFAULTS);

        assertThat(row(result, "error rate increase", "a").status()).isEqualTo(Status.WARNING);
    }

    @Test
    void poolSizeChangeWarns() {
        RunComparison.Result result = RunComparison.compare(snapshot(10, 12), snapshot(10, 13), DEFAULTS);

        assertThat(row(result, "pool size change", null).status()).isEqualTo(Status.WARNING);
    }

    @Test
    void poolSizeDropIsRegression() {
        RunComparison.Result result = RunComparison.compare(snapshot(10, 12), snapshot(10, 9), DEFAULTS);

        assertThat(row(result, "pool size change", null).status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void lostPoolSizeIsRegression() {
        RunComparison.Result result = RunComparison.compare(snapshot(10, 12), snapshot(10, null), DEFAULTS);

        assertThat(row(result, "pool size change", null).status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void scenarioMissingInCurrentWarns() {
        RunComparison.Result result = RunComparison.compare(
                snapshot(10, 12, scenario("a", 10, 1000, 1, 100), scenario("b", 10, 1000, 1, 100)),
                snapshot(10, 12, scenario("a", 10, 1000, 1, 100)), DEFAULTS);

        assertThat(row(result, "scenario ran", "b").status()).isEqualTo(Status.WARNING);
    }

    @Test
    void otherPlanWarns() {
        ResultsSnapshot quick = new ResultsSnapshot(Path.of("quick.json"), "quick", "http://127.0.0.1:8080", 10.0, 12,
                List.of());

        RunComparison.Result result = RunComparison.compare(snapshot(10, 12), quick, DEFAULTS);

        assertThat(row(result, "plan", null).status()).isEqualTo(Status.WARNING);
        assertThat(row(result, "plan", null).note()).contains("default", "quick");
    }

    @Test
    void zeroBaselineIsNotCompared() {
        RunComparison.Result result = RunComparison.compare(snapshot(0, 12), snapshot(5, 12), DEFAULTS);

        assertThat(row(result, "max throughput drop", null).status()).isEqualTo(Status.NOT_COMPARED);
    }

    @Test
    void propertiesSetThresholds() {
        Properties properties = new Properties();
        properties.setProperty("shotload.p95IncreaseWarningPercent", "30");

        assertThat(RegressionThresholds.fromProperties(properties).build()
                .get(RegressionThreshold.P95_INCREASE_WARNING_PERCENT)).isEqualTo(30.0);
    }

    @Test
    void invalidPropertyNamesSource() {
        Properties properties = new Properties();
        properties.setProperty("shotload.p95IncreaseWarningPercent", "lots");

        assertThatThrownBy(() -> RegressionThresholds.fromProperties(properties))
                .hasMessageContaining("-Dshotload.p95IncreaseWarningPercent = \"lots\"");
    }
}
