package io.shotload.report;

import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.Scalability;
import io.shotload.analysis.ScenarioConfidence;
import io.shotload.analysis.ScenarioMetrics;
import io.shotload.analysis.ScenarioResult;
import io.shotload.analysis.Summary;
import io.shotload.analysis.ValidationCheck;
import java.util.Locale;

/** Renders an analysis as Markdown that can be pasted into a pull request. */
public final class MarkdownSummary {

    private MarkdownSummary() {}

    public static String render(CapacityAnalysis analysis, ResultsDocument document) {
        Summary summary = analysis.summary();
        StringBuilder md = new StringBuilder();
        md.append("## Capacity test: ").append(verdictLine(summary)).append("\n\n");
        md.append("Run `").append(document.run().runId()).append("`, plan `").append(document.plan().name())
                .append("`, ").append(Format.duration(summary.durationSeconds())).append(", target ")
                .append(document.run().target() == null ? Format.NOT_AVAILABLE : document.run().target().baseUrl())
                .append(".\n\n");
        if (document.reports() != null && document.reports().capacityReport() != null) {
            md.append("Charts and intervals: `").append(document.reports().capacityReport()).append("`.\n\n");
        }

        md.append("| | |\n|---|---|\n");
        row(md, "Production ready", summary.productionReady() ? "yes" : "no");
        row(md, "Optimal concurrency", Format.integer(summary.optimalConcurrentUsers()) + " users");
        row(md, "Max throughput", Format.number(summary.maxThroughputQps(), 2) + " successful requests/s");
        row(md, "Recommended pool size", Format.integer(summary.recommendedPoolSize()));
        row(md, "Breaking point", summary.breakingPointDetected()
                ? summary.breakingPointUsers() + " users (" + analysis.analysis().breakingPoint().scenario() + ")"
                : "not reached");
        row(md, "Scenarios", String.format(Locale.ROOT, "%d run of %d: %d passed, %d failed, %d skipped",
                summary.scenariosPassed() + summary.scenariosFailed(), summary.scenariosTotal(),
                summary.scenariosPassed(), summary.scenariosFailed(), summary.scenariosSkipped()));
        row(md, "Validation", summary.validation().status().name().toLowerCase(Locale.ROOT));
        md.append('\n');

        md.append("| Scenario | Users | Status | Requests | Error rate | Avg ms | p95 ms | p99 ms | "
                + "Steady throughput/s | Stability | Outcome |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult scenario : analysis.scenarios()) {
            md.append("| ").append(scenario.scenario()).append(" | ").append(scenario.users()).append(" | ")
                    .append(scenario.status().name().toLowerCase(Locale.ROOT)).append(" | ");
            ScenarioMetrics metrics = scenario.metrics();
            if (metrics == null) {
                md.append("not run | | | | | | | ");
            } else {
                md.append(metrics.totalRequests()).append(" | ")
                        .append(Format.number(metrics.errorRatePercent(), 2)).append("% | ")
                        .append(Format.number(metrics.avgResponseTimeMs(), 0)).append(" | ")
                        .append(Format.integer(metrics.p95ResponseTimeMs())).append(" | ")
                        .append(Format.integer(metrics.p99ResponseTimeMs())).append(" | ")
                        .append(Format.number(metrics.throughputSteadyRps(), 2)).append(" | ")
                        .append(Format.number(scenario.stability().score(), 2)).append(" | ");
            }
            md.append(scenario.outcome().name().toLowerCase(Locale.ROOT)).append(" |\n");
        }
        md.append('\n');

        confidence(md, analysis);
        scalability(md, analysis.analysis().scalability());

        if (!summary.reasons().isEmpty()) {
            md.append("### Why not ready\n\n");
            summary.reasons().forEach(reason -> md.append("- ").append(escape(reason)).append('\n'));
            md.append('\n');
        }
        if (!analysis.analysis().warnings().isEmpty()) {
            md.append("### Warnings\n\n");
            analysis.analysis().warnings().forEach(warning -> md.append("- ").append(escape(warning)).append('\n'));
            md.append('\n');
        }
        md.append("<details><summary>Validation checks</summary>\n\n");
        for (ValidationCheck check : summary.validation().checks()) {
            md.append("- **").append(check.check()).append("**: ")
                    .append(check.status().name().toLowerCase(Locale.ROOT)).append(". ")
                    .append(escape(check.message())).append('\n');
        }
        md.append("\n</details>\n\n");
        md.append("Steady throughput counts successful responses per second after each scenario's ramp-up. "
                + "Response times are Gatling's, from the run's HdrHistograms.\n");
        return md.toString();
    }

    private static void confidence(StringBuilder md, CapacityAnalysis analysis) {
        md.append("### 95% confidence intervals\n\n");
        md.append("| Scenario | p95 ms | p99 ms | Steady throughput/s | Warm-up after ramp-up (MSER-5) |\n");
        md.append("|---|---:|---:|---:|---|\n");
        for (ScenarioResult scenario : analysis.scenarios()) {
            ScenarioConfidence confidence = scenario.confidence();
            if (confidence == null) {
                continue;
            }
            md.append("| ").append(scenario.scenario()).append(" | ")
                    .append(ScalabilityText.percentile(confidence.p95ResponseTimeMs())).append(" | ")
                    .append(ScalabilityText.percentile(confidence.p99ResponseTimeMs())).append(" | ")
                    .append(ScalabilityText.mean(confidence.throughputSteadyRps())).append(" | ")
                    .append(confidence.warmUp().droppedSeconds()).append(" s of ")
                    .append(confidence.warmUp().seriesSeconds()).append(" s; after it ")
                    .append(ScalabilityText.mean(confidence.warmUp().throughputAfterWarmUp())).append(" |\n");
        }
        md.append("\nPercentile intervals are order statistics of the scenario's histogram; a percentile with "
                + "fewer samples than the interval needs shows n/a. Throughput intervals are batch means over "
                + "whole steady seconds. The steady throughput keeps the planned window; the warm-up is only "
                + "reported.\n\n");
    }

    private static void scalability(StringBuilder md, Scalability scalability) {
        md.append("### Scalability model (Universal Scalability Law)\n\n");
        md.append("`").append(Scalability.FORMULA).append("`: ")
                .append(escape(ScalabilityText.fitLine(scalability))).append(".\n\n");
        if (scalability == null) {
            return;
        }
        for (Scalability.Warning warning : scalability.warnings()) {
            md.append("- ").append(escape(warning.message())).append('\n');
        }
        if (!scalability.warnings().isEmpty()) {
            md.append('\n');
        }
        if (scalability.crossCheck() != null) {
            md.append("**Cross-check:** ").append(escape(ScalabilityText.crossCheckLine(scalability))).append(". ")
                    .append(escape(scalability.crossCheck().explanation())).append("\n\n");
        }
    }

    private static String verdictLine(Summary summary) {
        return switch (summary.verdict()) {
            case "ready" -> "ready (exit code 0)";
            case "warnings" -> "warnings (exit code 1)";
            default -> "no valid verdict (exit code " + summary.exitCode() + ")";
        };
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** Keeps table pipes in messages from splitting a Markdown row. */
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
