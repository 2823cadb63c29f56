package io.shotload.analysis;

import io.shotload.run.RunData;
import io.shotload.run.ScenarioStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the sentences of {@link AnalysisFindings#warnings()}: what a reader should look at. */
final class Warnings {

    private Warnings() {}

    static List<String> collect(AnalysisSettings settings, RunData data, List<ScenarioResult> results,
            GeneratorSaturation generator, OptimalConcurrency optimal) {
        List<String> warnings = new ArrayList<>();
        for (String warning : data.warnings()) {
            warnings.add("Recorder: " + warning);
        }
        for (ScenarioResult result : results) {
            scenarioWarnings(settings, result, warnings);
        }
        if (generator.status() == CheckStatus.WARNING) {
            warnings.add(generator.message());
        }
        if (optimal == null && results.stream().anyMatch(ScenarioResult::ran)) {
            warnings.add(String.format(Locale.ROOT, "No scenario met every production target (stability >= %s, "
                    + "error rate < %s%%, average response time < %s ms), so no pool size or production "
                    + "configuration is recommended.", Setting.format(settings.targetStability()),
                    Setting.format(settings.targetErrorRatePercent()), Setting.format(settings.targetAvgResponseMs())));
        }
        return warnings;
    }

    private static void scenarioWarnings(AnalysisSettings settings, ScenarioResult result, List<String> warnings) {
        String name = result.scenario();
        if (result.missingFromRunData()) {
            warnings.add("Scenario " + name + " is in the plan but not in the run data; it is reported as not run.");
            return;
        }
        if (!result.ran()) {
            return;
        }
        if (result.status() == ScenarioStatus.ABORTED) {
            warnings.add("Scenario " + name + " was aborted: " + result.skipReason());
        }
        ScenarioMetrics metrics = result.metrics();
        if (metrics.steadyWindowSeconds() < CapacityAnalyzer.MIN_STEADY_SECONDS_FOR_CONFIDENCE) {
            warnings.add(String.format(Locale.ROOT, "Scenario %s: its steady throughput rests on a %.1f s window, "
                    + "shorter than %d s; treat it as rough.", name, metrics.steadyWindowSeconds(),
                    CapacityAnalyzer.MIN_STEADY_SECONDS_FOR_CONFIDENCE));
        }
        if (result.littlesLaw().status() == CheckStatus.WARNING) {
            warnings.add("Scenario " + name + ": Little's law check failed. " + result.littlesLaw().message());
        }
        Double growth = metrics.memoryGrowthMbPerMinute();
        Double margin = metrics.memoryGrowthCi95MbPerMinute();
        // Only growth above the level with 95% confidence warns: in a short window, memory that swings
        // from scrape to scrape can give a steep slope that does not indicate a leak.
        if (growth != null && margin != null && growth - margin > settings.memoryGrowthWarningMbPerMinute()) {
            warnings.add(String.format(Locale.ROOT, "Scenario %s: the target's memory grew %.1f MB/min (95%% "
                    + "interval %.1f to %.1f), above the %s MB/min warning level; look for a leak, for example "
                    + "browsers that are never closed.", name, growth, growth - margin, growth + margin,
                    Setting.format(settings.memoryGrowthWarningMbPerMinute())));
        }
    }

    /**
     * Collects the warnings about how sure the figures are: a warm-up that moves the steady throughput, a
     * p99 of the optimal scenario from too few responses, and a model that disagrees with the rules.
     */
    static List<String> statistics(List<ScenarioResult> results, OptimalConcurrency optimal,
            Scalability scalability) {
        List<String> warnings = new ArrayList<>();
        for (ScenarioResult result : results) {
            if (result.confidence() != null) {
                warmUpWarning(result, warnings);
            }
            boolean isOptimal = optimal != null && optimal.scenario().equals(result.scenario());
            if (isOptimal && result.confidence() != null && result.confidence().p99ResponseTimeMs().insufficientSamples()) {
                ScenarioConfidence.PercentileInterval p99 = result.confidence().p99ResponseTimeMs();
                warnings.add(String.format(Locale.ROOT, "Optimal scenario %s: its p99 rests on %d responses, fewer "
                        + "than the %d a 95%% interval needs, so the browser timeout derived from it is rough; "
                        + "lengthen the scenario.", result.scenario(), p99.samples(), p99.required()));
            }
        }
        if (scalability != null && scalability.crossCheck() != null && scalability.crossCheck().disagreement()) {
            warnings.add("Scalability model: " + scalability.crossCheck().explanation());
        }
        return warnings;
    }

    /**
     * Warns when the warm-up biases the steady figure: the mean over the whole steady window lies outside
     * the interval of the seconds after the warm-up. The interval after the cut is the one to test against,
     * because the warm-up itself widens the whole window's interval.
     */
    private static void warmUpWarning(ScenarioResult result, List<String> warnings) {
        ScenarioConfidence.WarmUp warmUp = result.confidence().warmUp();
        ScenarioConfidence.MeanInterval after = warmUp.throughputAfterWarmUp();
        Double steady = result.confidence().throughputSteadyRps().meanRps();
        if (warmUp.droppedSeconds() == 0 || steady == null || after.insufficientSamples()) {
            return;
        }
        if (steady < after.lowerRps() || steady > after.upperRps()) {
            warnings.add(String.format(Locale.ROOT, "Scenario %s: MSER-5 finds a warm-up of %d s after the planned "
                    + "ramp-up; the steady throughput %.2f successes/s lies outside the 95%% interval of the "
                    + "seconds after it (%.2f to %.2f), so the planned window understates or overstates it; "
                    + "lengthen the ramp-up.", result.scenario(), warmUp.droppedSeconds(), steady, after.lowerRps(),
                    after.upperRps()));
        }
    }
}
