package io.shotload.analysis;

import static io.shotload.analysis.RunFixtures.referenceRun;
import static io.shotload.analysis.RunFixtures.referenceSpecs;
import static io.shotload.analysis.RunFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.analysis.CriterionResult.Outcome;
import io.shotload.json.Json;
import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.TargetInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityAnalyzerTest {

    private final CapacityAnalyzer analyzer = new CapacityAnalyzer(AnalysisSettings.defaults());

    @Test
    void referenceRunPeaksAtTenUsers() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().build());

        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(10);
        assertThat(analysis.summary().recommendedPoolSize()).isEqualTo(12);
        assertThat(analysis.analysis().optimal().scenario()).isEqualTo("heavy_load");
    }

    @Test
    void stressBreakKeepsExitZero() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().build());

        assertThat(analysis.summary().breakingPointDetected()).isTrue();
        assertThat(analysis.summary().breakingPointUsers()).isEqualTo(15);
        assertThat(analysis.analysis().breakingPointAtLastScenario()).isTrue();
        assertThat(analysis.analysis().degradation()).isFalse();
        assertThat(analysis.summary().productionReady()).isTrue();
        assertThat(analysis.summary().validation().status()).isEqualTo(Validation.Status.PASSED);
        assertThat(analysis.summary().reasons()).isEmpty();
        assertThat(analysis.exitCode()).isZero();
        assertThat(analysis.summary().verdict()).isEqualTo("ready");
    }

    @Test
    void referenceRunCountsScenarios() {
        Summary summary = analyzer.analyze(referenceRun().build()).summary();

        assertThat(summary.scenariosTotal()).isEqualTo(5);
        assertThat(summary.scenariosPassed()).isEqualTo(4);
        assertThat(summary.scenariosFailed()).isEqualTo(1);
        assertThat(summary.scenariosSkipped()).isZero();
        assertThat(summary.durationSeconds()).isEqualTo(300.0);
    }

    @Test
    void referenceRunStressReasonsNameLimits() {
        BreakingPoint breakingPoint = analyzer.analyze(referenceRun().build()).analysis().breakingPoint();

        assertThat(breakingPoint.scenario()).isEqualTo("stress_test");
        assertThat(breakingPoint.reasons()).anySatisfy(reason -> assertThat(reason).contains("error rate")
                .contains("20% limit"));
        assertThat(breakingPoint.reasons()).anySatisfy(reason -> assertThat(reason)
                .contains("average response time").contains("8000 ms limit"));
    }

    @Test
    void referenceRunMetricsMatchGenerator() {
        ScenarioMetrics heavy = analyzer.analyze(referenceRun().build()).scenarios().get(3).metrics();

        // Little's law gives 10 / (1.3 s + 1 s) = 4.35 completions/s, 98% of them successful.
        assertThat(heavy.completionsSteadyRps()).isCloseTo(4.35, within(0.3));
        assertThat(heavy.throughputSteadyRps()).isCloseTo(4.26, within(0.3));
        assertThat(heavy.errorRatePercent()).isCloseTo(2.0, within(1.0));
        assertThat(heavy.avgResponseTimeMs()).isCloseTo(1300, within(60.0));
        assertThat(heavy.p50ResponseTimeMs()).isLessThan(heavy.p75ResponseTimeMs());
        assertThat(heavy.p95ResponseTimeMs()).isLessThan(heavy.p99ResponseTimeMs());
        assertThat(heavy.p99ResponseTimeMs()).isLessThanOrEqualTo(heavy.maxResponseTimeMs());
        assertThat(heavy.steadyWindowSeconds()).isEqualTo(75 - 20, org.assertj.core.api.Assertions.within(1.0));
        assertThat(heavy.totalRequests()).isEqualTo(heavy.successfulRequests() + heavy.failedRequests());
    }

    @Test
    void referenceRunMemoryFromTargetSamples() {
        ScenarioMetrics heavy = analyzer.analyze(referenceRun().memory(400, 150, 12).build()).scenarios().get(3)
                .metrics();

        // 400 MB base + 150 MB x 10 browsers, plus 12 MB/min over 75 s.
        assertThat(heavy.peakMemoryMb()).isCloseTo(1900 + 12 * 74 / 60.0, within(0.5));
        assertThat(heavy.memoryGrowthMbPerMinute()).isCloseTo(12, within(0.5));
        assertThat(heavy.peakBrowsers()).isEqualTo(10.0);
        assertThat(heavy.targetSamples()).isEqualTo(75);
    }

    @Test
    void memoryGrowthAboveLimitWarns() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().memory(400, 0, 60).build());

        assertThat(analysis.scenarios().get(0).metrics().memoryGrowthMbPerMinute()).isCloseTo(60, within(0.5));
        assertThat(analysis.scenarios().get(0).metrics().memoryGrowthCi95MbPerMinute()).isCloseTo(0, within(0.5));
        assertThat(analysis.analysis().warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("baseline_single").contains("memory grew 60.0 MB/min (95% interval 60.0 to 60.0)"));
    }

    @Test
    void swingingMemoryWarnsOnlyWhenSignificant() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().memory(400, 0, 200).memorySwing(150).build());

        // The short first scenario cannot tell the growth from the swing, but the longer heavy_load can.
        ScenarioMetrics baseline = analysis.scenarios().get(0).metrics();
        assertThat(baseline.memoryGrowthMbPerMinute()).as("slope alone, above the 10 MB/min level").isGreaterThan(10);
        assertThat(baseline.memoryGrowthCi95MbPerMinute()).as("95% half-width, MB/min")
                .isGreaterThan(baseline.memoryGrowthMbPerMinute() - 10);
        assertThat(analysis.analysis().warnings())
                .noneSatisfy(warning -> assertThat(warning).contains("baseline_single").contains("memory grew"));
        assertThat(analysis.analysis().warnings())
                .anySatisfy(warning -> assertThat(warning).contains("heavy_load").contains("memory grew 200.0 MB/min"));
    }

    @Test
    void rampUpIsNotMemoryGrowth() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().memory(400, 150, 0).build());

        assertThat(analysis.scenarios().get(3).metrics().memoryGrowthMbPerMinute()).isCloseTo(0, within(0.01));
        assertThat(analysis.analysis().warnings()).noneSatisfy(warning -> assertThat(warning).contains("memory grew"));
    }

    @Test
    void midRunCheckWaitsForStressLevel() {
        RunData run = referenceRun().build();

        assertThat(analyzer.breakingPointSoFar(run.scenarios().subList(0, 4), run.targetSamples())).isEmpty();
        assertThat(analyzer.breakingPointSoFar(run.scenarios(), run.targetSamples()))
                .hasValueSatisfying(point -> assertThat(point.users()).isEqualTo(15));
    }

    @Test
    void midRunCheckIgnoresSkippedScenarios() {
        RunData run = referenceRun().skip("stress_test", "breaking point").build();

        assertThat(analyzer.breakingPointSoFar(run.scenarios(), run.targetSamples())).isEmpty();
    }

    @Test
    void breakingPointInMiddleSkipsRest() {
        List<ScenarioSpec> specs = referenceSpecs();
        RunData run = new RunFixtures.RunBuilder(7)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 9000, 0.35)
                .skipped(specs.get(3), "breaking point crossed at moderate_load")
                .skipped(specs.get(4), "breaking point crossed at moderate_load")
                .stopReason("breaking point crossed at moderate_load (6 users)")
                .build();

        assertThat(analyzer.breakingPointSoFar(run.scenarios().subList(0, 3), run.targetSamples()))
                .hasValueSatisfying(point -> assertThat(point.scenario()).isEqualTo("moderate_load"));
        CapacityAnalysis analysis = analyzer.analyze(run);
        assertThat(analysis.summary().breakingPointUsers()).isEqualTo(6);
        assertThat(analysis.analysis().breakingPointAtLastScenario()).isFalse();
        assertThat(analysis.analysis().degradation()).isTrue();
        assertThat(analysis.summary().scenariosSkipped()).isEqualTo(2);
        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(3);
        assertThat(analysis.summary().productionReady()).isFalse();
        assertThat(analysis.summary().reasons()).anySatisfy(reason -> assertThat(reason).startsWith("Degradation"));
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void skippedScenariosShowAsNotRun() {
        RunData run = referenceRun().skip("stress_test", "breaking point crossed at heavy_load").build();

        ScenarioResult stress = analyzer.analyze(run).scenarios().get(4);
        assertThat(stress.status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(stress.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(stress.metrics()).isNull();
        assertThat(stress.criteria()).hasSize(4).allSatisfy(criterion -> {
            assertThat(criterion.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(criterion.message()).contains("breaking point crossed at heavy_load");
        });
    }

    @Test
    void throughputFallWithRisingLatencyBreaks() {
        List<ScenarioSpec> specs = referenceSpecs();
        RunData run = referenceRun().build();
        RunData slower = new RunFixtures.RunBuilder(42)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 950, 0.02)
                .level(specs.get(3), 1300, 0.02)
                .level(specs.get(4), 3800, 0.02)
                .build();

        BreakingPoint point = analyzer.analyze(slower).analysis().breakingPoint();
        assertThat(point.scenario()).isEqualTo("stress_test");
        assertThat(point.reasons()).singleElement().satisfies(reason -> assertThat(reason)
                .startsWith("throughput fell").contains("heavy_load"));
        assertThat(analyzer.analyze(run).analysis().breakingPoint().reasons()).hasSizeGreaterThan(1);
    }

    @Test
    void thresholdsAreSettings() {
        AnalysisSettings strict = AnalysisSettings.builder().maxAvgResponseMs(1000).build();

        CapacityAnalysis analysis = new CapacityAnalyzer(strict).analyze(referenceRun().build());

        assertThat(analysis.summary().breakingPointUsers()).isEqualTo(10);
        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(6);
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void allFailedGivesExitTwo() {
        List<ScenarioSpec> specs = referenceSpecs();
        RunFixtures.RunBuilder builder = new RunFixtures.RunBuilder(3);
        specs.forEach(spec -> builder.level(spec, 20, 1.0));

        CapacityAnalysis analysis = analyzer.analyze(builder.build());

        assertThat(analysis.summary().validation().status()).isEqualTo(Validation.Status.FAILED);
        assertThat(analysis.summary().reasons()).anySatisfy(reason -> assertThat(reason).startsWith("Every one of"));
        assertThat(analysis.summary().productionReady()).isFalse();
        assertThat(analysis.exitCode()).isEqualTo(2);
        assertThat(analysis.summary().verdict()).isEqualTo("critical");
    }

    @Test
    void emptyRunGivesExitTwo() {
        RunData empty = new RunData(RunData.FORMAT_VERSION, "run", "CapacitySimulation", "3.16.0", 0, 0,
                new TargetInfo("http://127.0.0.1:1", true, "mock", null), new LoadPlan("empty", "", List.of()),
                List.of(), List.of(), List.of(), null, List.of());

        CapacityAnalysis analysis = analyzer.analyze(empty);

        assertThat(analysis.summary().validation().status()).isEqualTo(Validation.Status.NOT_RUN);
        assertThat(analysis.summary().scenariosTotal()).isZero();
        assertThat(analysis.summary().breakingPointDetected()).isFalse();
        assertThat(analysis.exitCode()).isEqualTo(2);
    }

    @Test
    void noRequestsGivesExitTwo() {
        RunFixtures.RunBuilder builder = new RunFixtures.RunBuilder(5);
        referenceSpecs().forEach(spec -> builder.level(
                new RunFixtures.Level(spec, 1000, 0, 0, ScenarioStatus.COMPLETED, null)));

        CapacityAnalysis analysis = analyzer.analyze(builder.build());

        assertThat(analysis.summary().reasons()).anySatisfy(reason -> assertThat(reason).startsWith("No responses"));
        assertThat(analysis.exitCode()).isEqualTo(2);
    }

    @Test
    void noCompletedScenarioGivesExitTwo() {
        ScenarioSpec spec = spec("baseline_single", 1, 30, 0);
        RunData run = new RunFixtures.RunBuilder(9)
                .level(new RunFixtures.Level(spec, 800, 0.0, 1.0, ScenarioStatus.ABORTED, "connection reset"))
                .build();

        CapacityAnalysis analysis = analyzer.analyze(run);

        assertThat(analysis.scenarios().get(0).criteria()).anySatisfy(criterion -> {
            assertThat(criterion.criterion()).isEqualTo(CriterionResult.COMPLETED);
            assertThat(criterion.outcome()).isEqualTo(Outcome.FAILED);
        });
        assertThat(analysis.summary().scenariosFailed()).isEqualTo(1);
        assertThat(analysis.exitCode()).isEqualTo(2);
    }

    @Test
    void unreachableTargetGivesExitTwo() {
        RunData run = referenceRun().stopReason(CapacityAnalyzer.STOP_REASON_TARGET_UNREACHABLE
                + ": connection refused on 127.0.0.1:8080").build();

        CapacityAnalysis analysis = analyzer.analyze(run);

        assertThat(analysis.summary().reasons()).anySatisfy(reason -> assertThat(reason).contains("unreachable"));
        assertThat(analysis.exitCode()).isEqualTo(2);
    }

    @Test
    void singleSampleScenarioStaysFinite() {
        RunData run = new RunFixtures.RunBuilder(11).level(spec("baseline_single", 1, 1, 0), 300, 0).build();

        CapacityAnalysis analysis = analyzer.analyze(run);

        ScenarioResult only = analysis.scenarios().get(0);
        assertThat(only.metrics().steadyWindowSeconds()).isEqualTo(1, org.assertj.core.api.Assertions.within(1.0));
        assertThat(only.metrics().memoryGrowthMbPerMinute()).isNull();
        assertThat(only.littlesLaw().status()).isEqualTo(CheckStatus.NOT_RUN);
        assertThat(analysis.analysis().warnings()).anySatisfy(warning -> assertThat(warning).contains("rough"));
        assertThat(json(analysis)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void zeroRequestScenarioIsBreakingPoint() {
        List<ScenarioSpec> specs = referenceSpecs();
        RunData run = new RunFixtures.RunBuilder(13)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(new RunFixtures.Level(specs.get(2), 1000, 0, 0, ScenarioStatus.COMPLETED, null))
                .build();

        CapacityAnalysis analysis = analyzer.analyze(run);

        ScenarioResult silent = analysis.scenarios().get(2);
        assertThat(silent.metrics().errorRatePercent()).isNull();
        assertThat(silent.metrics().avgResponseTimeMs()).isNull();
        assertThat(silent.metrics().throughputSteadyRps()).isZero();
        assertThat(silent.stability().insufficientData()).isTrue();
        assertThat(analysis.analysis().breakingPoint().reasons()).containsExactly("no responses were recorded");
        assertThat(json(analysis)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void zeroDurationScenarioStaysFinite() {
        ScenarioSpec spec = spec("baseline_single", 1, 30, 0);
        ScenarioRun instant = new ScenarioRun(spec, ScenarioStatus.COMPLETED, null, 1000L, 1000L, 0, 0, 0,
                Map.of(), Map.of(), 0, null, null, List.of());
        RunData run = new RunData(RunData.FORMAT_VERSION, "run", "CapacitySimulation", "3.16.0", 1000, 1000,
                new TargetInfo("http://127.0.0.1:1", true, "mock", null), new LoadPlan("p", "", List.of(spec)),
                List.of(instant), List.of(), List.of(), null, List.of());

        CapacityAnalysis analysis = analyzer.analyze(run);

        ScenarioMetrics metrics = analysis.scenarios().get(0).metrics();
        assertThat(metrics.windowSeconds()).isNull();
        assertThat(metrics.throughputSteadyRps()).isNull();
        assertThat(metrics.throughputAllWindowRps()).isNull();
        assertThat(analysis.summary().maxThroughputQps()).isNull();
        assertThat(analysis.exitCode()).isEqualTo(2);
        assertThat(json(analysis)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void missingScenarioReportedAsNotRun() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().omit("moderate_load").build());

        ScenarioResult missing = analysis.scenarios().get(2);
        assertThat(missing.missingFromRunData()).isTrue();
        assertThat(missing.status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(missing.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(analysis.summary().validation().checks()).anySatisfy(check -> {
            assertThat(check.check()).isEqualTo("plan_coverage");
            assertThat(check.status()).isEqualTo(CheckStatus.WARNING);
        });
        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(10);
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void littlesLawGapFlagged() {
        List<ScenarioSpec> specs = referenceSpecs();
        RunData run = new RunFixtures.RunBuilder(42)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 950, 0.02)
                .level(new RunFixtures.Level(specs.get(3), 1300, 0.02, 0.6, ScenarioStatus.COMPLETED, null))
                .level(specs.get(4), 9000, 0.30)
                .build();

        CapacityAnalysis analysis = analyzer.analyze(run);

        LittlesLawCheck heavy = analysis.scenarios().get(3).littlesLaw();
        assertThat(heavy.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(heavy.deviationPercent()).isCloseTo(40, within(8.0));
        assertThat(analysis.analysis().littlesLaw().failedScenarios()).containsExactly("heavy_load");
        assertThat(analysis.summary().validation().status()).isEqualTo(Validation.Status.WARNINGS);
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void littlesLawHoldsForReference() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().build());

        assertThat(analysis.analysis().littlesLaw().status()).isEqualTo(CheckStatus.PASSED);
        assertThat(analysis.scenarios()).allSatisfy(result -> assertThat(result.littlesLaw().deviationPercent())
                .isLessThan(AnalysisDefaults.LITTLES_LAW_TOLERANCE_PERCENT));
    }

    @Test
    void saturatedGeneratorFlagged() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().saturatedGenerator(0.5).build());

        GeneratorSaturation generator = analysis.analysis().generatorSaturation();
        assertThat(generator.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(generator.saturatedPercent()).isCloseTo(50, within(6.0));
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void recorderWarningsLowerVerdict() {
        CapacityAnalysis analysis = analyzer.analyze(referenceRun().warning("3 target scrapes timed out").build());

        assertThat(analysis.analysis().warnings()).contains("Recorder: 3 target scrapes timed out");
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    @Test
    void productionConfigFromOptimal() {
        ProductionConfig config = analyzer.analyze(referenceRun().build()).analysis().productionConfig();

        assertThat(config.browserPool().maxPoolSize()).isEqualTo(12);
        assertThat(config.screenshotQueue().maxConcurrent()).isEqualTo(12);
        // p99 at 10 users is about 1300 ms x exp(2.33 x 0.35) = 2.9 s; doubled and rounded up.
        assertThat(config.browserPool().browserTimeoutSeconds()).isBetween(5, 7);
        assertThat(config.screenshotQueue().defaultTimeout())
                .isEqualTo(config.browserPool().browserTimeoutSeconds() + 10);
        // 4.35 completions/s x 10 s acceptable wait.
        assertThat(config.screenshotQueue().maxQueueSize()).isBetween(41, 47);
        // (400 + 150 x 10) MB / 10 browsers x 1.25.
        assertThat(config.resourceLimits().memoryLimitMbPerBrowser()).isEqualTo(238);
        assertThat(config.resourceLimits().cpuLimitPercent()).isEqualTo(AnalysisDefaults.CPU_LIMIT_PERCENT);
        assertThat(config.monitoring().alertThresholds().errorRatePercent()).isEqualTo(5.0);
        assertThat(config.monitoring().alertThresholds().avgResponseTimeMs()).isEqualTo(2000);
        assertThat(config.basis()).containsKeys("browser_pool.max_pool_size", "screenshot_queue.max_queue_size",
                "resource_limits.memory_limit_mb_per_browser", "monitoring.alert_thresholds.error_rate_percent");
        assertThat(config.basis().get("browser_pool.max_pool_size")).isEqualTo("ceil(10 optimal users x 1.2 headroom) = 12");
    }

    @Test
    void memoryLimitDefaultsWithoutMetrics() {
        ProductionConfig config = analyzer.analyze(referenceRun().noTargetMetrics().build()).analysis()
                .productionConfig();

        assertThat(config.resourceLimits().memoryLimitMbPerBrowser())
                .isEqualTo(AnalysisDefaults.DEFAULT_MEMORY_PER_BROWSER_MB);
        assertThat(config.basis().get("resource_limits.memory_limit_mb_per_browser"))
                .contains("default-memory-per-browser-mb");
    }

    @Test
    void noOptimalMeansNoConfig() {
        AnalysisSettings unreachable = AnalysisSettings.builder().targetAvgResponseMs(100).build();

        CapacityAnalysis analysis = new CapacityAnalyzer(unreachable).analyze(referenceRun().build());

        assertThat(analysis.analysis().optimal()).isNull();
        assertThat(analysis.analysis().productionConfig()).isNull();
        assertThat(analysis.summary().recommendedPoolSize()).isNull();
        assertThat(analysis.summary().reasons()).anySatisfy(reason -> assertThat(reason).startsWith("Not production"));
        assertThat(analysis.exitCode()).isEqualTo(1);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
