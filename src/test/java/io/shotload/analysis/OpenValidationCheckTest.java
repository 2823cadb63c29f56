package io.shotload.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.plan.ScenarioSpec;
import io.shotload.run.Histograms;
import io.shotload.run.OpenValidationRun;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OpenValidationCheckTest {

    private final AnalysisSettings settings = AnalysisSettings.defaults();

    @Test
    void keptUpWithinTargetsConfirms() {
        ValidationCheck check = OpenValidationCheck.evaluate(stage(300, 297, 3, 800), settings);

        assertThat(check.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(check.message()).contains("confirmed").contains("offered 5.00/s").contains("achieved 4.95 successes/s");
    }

    @Test
    void fallingBehindRejects() {
        ValidationCheck check = OpenValidationCheck.evaluate(stage(300, 200, 0, 800), settings);

        assertThat(check.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(check.message()).contains("rejected").contains("under 90% of the offered rate");
    }

    @Test
    void slowResponsesReject() {
        ValidationCheck check = OpenValidationCheck.evaluate(stage(300, 300, 0, 2600), settings);

        assertThat(check.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(check.message()).contains("average response above the 2000 ms target").containsPattern("p95 260[0-9] ms");
    }

    @Test
    void errorsAboveTargetReject() {
        ValidationCheck check = OpenValidationCheck.evaluate(stage(300, 270, 30, 800), settings);

        assertThat(check.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(check.message()).contains("errors above the 5.0% target");
    }

    @Test
    void stageThatDidNotRunSaysWhy() {
        OpenValidationRun notRun = OpenValidationRun.notRun("no scenario met the production targets", 50, 60);

        ValidationCheck check = OpenValidationCheck.evaluate(notRun, settings);

        assertThat(check.status()).isEqualTo(CheckStatus.NOT_RUN);
        assertThat(check.message()).contains("no scenario met the production targets");
    }

    /** A 60 s stage at 5 arrivals/s with every response taking {@code millis}. */
    private static OpenValidationRun stage(long admitted, long successes, long failures, long millis) {
        Histogram all = Histograms.newMillisHistogram();
        all.recordValueWithCount(millis, successes + failures);
        ScenarioRun run = new ScenarioRun(new ScenarioSpec(OpenValidationRun.SCENARIO_NAME, 0, 60, 0, 0),
                ScenarioStatus.COMPLETED, null, 0L, 60_000L, successes + failures, successes, failures,
                Map.of("200", successes), Map.of(), 0, Histograms.encode(all), Histograms.encode(all), List.of());
        return new OpenValidationRun(true, null, 5.0, 50, 60, admitted * 10, admitted, run);
    }
}
