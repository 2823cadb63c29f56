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
        if (growth != null && growth > settings.memoryGrowthWarningMbPerMinute()) {
            warnings.add(String.format(Locale.ROOT, "Scenario %s: the target's memory grew %.1f MB/min, above the "
                    + "%s MB/min warning level; look for a leak, for example browsers that are never closed.",
                    name, growth, Setting.format(settings.memoryGrowthWarningMbPerMinute())));
        }
    }
}
