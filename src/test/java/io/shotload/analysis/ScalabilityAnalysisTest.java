package io.shotload.analysis;

import static io.shotload.analysis.RunFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.json.Json;
import io.shotload.plan.ScenarioSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The USL fit and its cross-check, on synthetic runs from {@link RunFixtures} with fixed seeds. */
class ScalabilityAnalysisTest {

    private static final double LAMBDA = 0.8;
    private static final double SIGMA = 0.05;
    private static final double KAPPA = 0.008;
    /** sqrt((1 - 0.05) / 0.008) = 10.9 users. */
    private static final double PEAK_USERS = Math.sqrt((1 - SIGMA) / KAPPA);

    private final CapacityAnalyzer analyzer = new CapacityAnalyzer(AnalysisSettings.defaults());

    private Scalability uslScalability(AnalysisSettings settings) {
        return new CapacityAnalyzer(settings).analyze(RunFixtures.uslRun(LAMBDA, SIGMA, KAPPA).build()).analysis()
                .scalability();
    }

    @Test
    void uslRunRecoversCoefficients() {
        Scalability scalability = uslScalability(AnalysisSettings.defaults());

        // Per-second completions are whole numbers, which leaves about 1-2% noise on each point; the
        // tolerances are about 1.5 standard errors of this fit.
        assertThat(scalability.status()).isEqualTo(Scalability.FITTED);
        assertThat(scalability.lambda().value()).isCloseTo(LAMBDA, within(0.04));
        assertThat(scalability.sigma().value()).isCloseTo(SIGMA, within(0.02));
        assertThat(scalability.kappa().value()).isCloseTo(KAPPA, within(0.001));
        assertThat(scalability.peakConcurrencyUsers()).isCloseTo(PEAK_USERS, within(1.0));
        assertThat(scalability.rSquared()).isGreaterThan(0.98);
    }

    @Test
    void uslRunTrueValuesWithinTwoStandardErrors() {
        Scalability scalability = uslScalability(AnalysisSettings.defaults());

        assertThat(Math.abs(scalability.lambda().value() - LAMBDA))
                .isLessThan(2 * scalability.lambda().standardError());
        assertThat(Math.abs(scalability.sigma().value() - SIGMA))
                .isLessThan(2 * scalability.sigma().standardError());
        assertThat(Math.abs(scalability.kappa().value() - KAPPA))
                .isLessThan(2 * scalability.kappa().standardError());
    }

    @Test
    void defaultPlanGivesFifteenLevels() {
        Scalability scalability = uslScalability(AnalysisSettings.defaults());

        assertThat(scalability.concurrencyLevels()).isEqualTo(15);
        assertThat(scalability.points()).filteredOn(point -> point.source().equals("steady")).hasSize(5);
        assertThat(scalability.points()).filteredOn(point -> point.source().equals("ramp")).hasSize(15);
        assertThat(scalability.warnings()).extracting(Scalability.Warning::code)
                .doesNotContain("too_few_concurrency_levels", "peak_beyond_measured_range");
    }

    @Test
    void residualsAreMeasuredMinusFitted() {
        for (Scalability.Point point : uslScalability(AnalysisSettings.defaults()).points()) {
            assertThat(point.residualRps()).isCloseTo(point.throughputRps() - point.fittedRps(), within(1e-9));
        }
    }

    @Test
    void threeLevelsWithoutRampWarn() {
        List<ScenarioSpec> specs = List.of(spec("one", 1, 30, 0), spec("four", 4, 30, 0), spec("eight", 8, 30, 0));
        Scalability scalability = analyzer.analyze(new RunFixtures.RunBuilder(3)
                .level(specs.get(0), 800, 0.0)
                .level(specs.get(1), 900, 0.0)
                .level(specs.get(2), 1400, 0.0)
                .build()).analysis().scalability();

        assertThat(scalability.status()).isEqualTo(Scalability.FITTED);
        assertThat(scalability.concurrencyLevels()).isEqualTo(3);
        assertThat(scalability.warnings()).extracting(Scalability.Warning::code)
                .contains("too_few_concurrency_levels");
    }

    @Test
    void twoLevelsAreNotFitted() {
        Scalability scalability = analyzer.analyze(new RunFixtures.RunBuilder(3)
                .level(spec("one", 1, 30, 0), 800, 0.0)
                .level(spec("four", 4, 30, 0), 900, 0.0)
                .build()).analysis().scalability();

        assertThat(scalability.status()).isEqualTo(Scalability.NOT_FITTED);
        assertThat(scalability.reason()).contains("2 distinct concurrency level(s)");
        assertThat(scalability.lambda()).isNull();
        assertThat(scalability.points()).hasSize(2);
    }

    @Test
    void peakBeyondPlanIsExtrapolation() {
        // kappa 0.002 puts N* at sqrt(0.95 / 0.002) = 21.8 users, beyond the plan's 15.
        Scalability scalability = analyzer.analyze(RunFixtures.uslRun(LAMBDA, SIGMA, 0.002).build()).analysis()
                .scalability();

        assertThat(scalability.peakConcurrencyUsers()).isGreaterThan(15);
        assertThat(scalability.warnings()).extracting(Scalability.Warning::code)
                .contains("peak_beyond_measured_range");
    }

    @Test
    void agreementWhenPeakNearOptimum() {
        CapacityAnalysis analysis = analyzer.analyze(RunFixtures.uslRun(LAMBDA, SIGMA, KAPPA).build());
        ModelCrossCheck crossCheck = analysis.analysis().scalability().crossCheck();

        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(10);
        assertThat(crossCheck.status()).isEqualTo(ModelCrossCheck.COMPARED);
        assertThat(crossCheck.disagreement()).isFalse();
        assertThat(crossCheck.recommendationFollows()).isEqualTo("rule_based");
        assertThat(analysis.analysis().warnings()).noneMatch(warning -> warning.startsWith("Scalability model"));
    }

    @Test
    void disagreementIsReported() {
        // A 900 ms latency target stops the rule-based optimum at 6 users (about 860 ms), while N* stays
        // near 10.9 users, 1.2 plan levels further on.
        AnalysisSettings strict = AnalysisSettings.builder().targetAvgResponseMs(900).build();
        CapacityAnalysis analysis = new CapacityAnalyzer(strict).analyze(RunFixtures.uslRun(LAMBDA, SIGMA, KAPPA)
                .build());
        ModelCrossCheck crossCheck = analysis.analysis().scalability().crossCheck();

        assertThat(analysis.summary().optimalConcurrentUsers()).isEqualTo(6);
        assertThat(crossCheck.disagreement()).isTrue();
        assertThat(crossCheck.comparisons()).filteredOn(c -> c.estimate().equals("usl_peak_concurrency"))
                .singleElement().satisfies(c -> assertThat(c.agrees()).isFalse());
        assertThat(crossCheck.explanation()).contains("rule-based optimum of 6 users", "the USL peak N*",
                "The recommendation follows the rule-based optimum");
        assertThat(analysis.analysis().warnings()).anyMatch(warning -> warning.startsWith("Scalability model"));
    }

    @Test
    void widerAgreementSettingAccepts() {
        AnalysisSettings lenient = AnalysisSettings.builder().targetAvgResponseMs(900).modelDisagreementLevels(2)
                .build();
        CapacityAnalysis analysis = new CapacityAnalyzer(lenient).analyze(RunFixtures.uslRun(LAMBDA, SIGMA, KAPPA)
                .build());

        assertThat(analysis.analysis().scalability().crossCheck().disagreement()).isFalse();
    }

    @Test
    void resultsJsonHasNoNaN() throws Exception {
        String json = Json.mapper().writeValueAsString(analyzer.analyze(RunFixtures.referenceRun().build()));

        assertThat(json).doesNotContain("NaN", "Infinity");
        assertThat(json).contains("\"peak_concurrency_users\"", "\"cross_check\"", "\"standard_error\"");
    }
}
