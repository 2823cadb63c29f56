package io.shotload.analysis;

import io.shotload.run.Histograms;
import io.shotload.run.OpenValidationRun;
import io.shotload.run.ScenarioRun;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Judges the open-model validation stage: did the service keep up with the recommended throughput
 * offered as Poisson arrivals, within the production targets?
 *
 * <p>The recommendation is confirmed when the achieved rate (successes per second over the stage) is
 * at least {@value #MIN_ACHIEVED_SHARE} of the offered rate (admitted arrivals per second), the error
 * rate is within the production target, and the average response time is within its target. Otherwise
 * it is rejected, which makes the verdict at least a warning: a closed model slows its users down when
 * the service slows, so it can hide slow periods that an open model exposes.
 */
final class OpenValidationCheck {

    static final String CHECK = "open_model_validation";
    /** Poisson arrivals over a minute vary by a few percent, so a tenth below offered still counts as keeping up. */
    static final double MIN_ACHIEVED_SHARE = 0.9;

    private OpenValidationCheck() {}

    static ValidationCheck evaluate(OpenValidationRun stage, AnalysisSettings settings) {
        if (!stage.ran() || stage.scenario() == null) {
            return new ValidationCheck(CHECK, CheckStatus.NOT_RUN, "Open-model validation was requested but did not run: "
                    + stage.reason() + ".");
        }

        ScenarioRun run = stage.scenario();
        double seconds = Math.max(1, stage.durationSeconds());
        double offered = stage.admitted() / seconds;
        double achieved = run.successes() / seconds;
        double errorPercent = run.requests() == 0 ? 100 : 100.0 * run.failures() / run.requests();
        Histogram all = Histograms.decode(run.responseTimeHistogram(), OpenValidationRun.SCENARIO_NAME + ".response_time_histogram");
        boolean hasTimes = all.getTotalCount() > 0;
        double averageMillis = hasTimes ? all.getMean() : Double.NaN;
        String figures = String.format(Locale.ROOT,
                "recommended %.2f/s, offered %.2f/s as Poisson arrivals for %d s, achieved %.2f successes/s (%.0f%%), "
                        + "errors %.1f%%, response p50 %s, p95 %s, p99 %s, average %s",
                stage.offeredRatePerSecond(), offered, stage.durationSeconds(), achieved,
                offered > 0 ? 100 * achieved / offered : 0, errorPercent,
                millis(all, 50, hasTimes), millis(all, 95, hasTimes), millis(all, 99, hasTimes),
                hasTimes ? String.format(Locale.ROOT, "%.0f ms", averageMillis) : "n/a");

        boolean keptUp = offered > 0 && achieved >= MIN_ACHIEVED_SHARE * offered;
        boolean errorsWithinTarget = errorPercent <= settings.targetErrorRatePercent();
        boolean latencyWithinTarget = hasTimes && averageMillis <= settings.targetAvgResponseMs();
        if (keptUp && errorsWithinTarget && latencyWithinTarget) {
            return new ValidationCheck(CHECK, CheckStatus.PASSED, "Open-model validation confirmed the recommendation: "
                    + figures + ".");
        }
        StringBuilder reasons = new StringBuilder();
        if (!keptUp) {
            reasons.append(String.format(Locale.ROOT, " achieved under %.0f%% of the offered rate;", 100 * MIN_ACHIEVED_SHARE));
        }
        if (!errorsWithinTarget) {
            reasons.append(String.format(Locale.ROOT, " errors above the %.1f%% target;", settings.targetErrorRatePercent()));
        }
        if (!latencyWithinTarget) {
            reasons.append(String.format(Locale.ROOT, " average response above the %.0f ms target;", settings.targetAvgResponseMs()));
        }
        return new ValidationCheck(CHECK, CheckStatus.WARNING, "Open-model validation rejected the recommendation:"
                + reasons.substring(0, reasons.length() - 1) + ". " + figures + ".");
    }

    private static String millis(Histogram histogram, double percentile, boolean hasTimes) {
        return hasTimes ? histogram.getValueAtPercentile(percentile) + " ms" : "n/a";
    }
}
