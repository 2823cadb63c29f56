package io.shotload.report;

import io.shotload.analysis.BreakingPoint;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.Scalability;
import io.shotload.analysis.Summary;
import java.util.Locale;

/** Renders the console summary printed at the end of a run and by the CLI. */
public final class ExecutiveSummary {

    private static final String RULE = "=".repeat(72);

    private ExecutiveSummary() {}

    /** Returns the summary; {@code reports} may be {@code null} when no files were written. */
    public static String render(CapacityAnalysis analysis, WrittenReports reports) {
        Summary summary = analysis.summary();
        StringBuilder text = new StringBuilder();
        text.append(RULE).append('\n').append("shotload capacity test: executive summary\n").append(RULE).append('\n');

        line(text, "Scenarios", String.format(Locale.ROOT, "%d planned, %d run, %d passed, %d failed, %d skipped",
                summary.scenariosTotal(), summary.scenariosPassed() + summary.scenariosFailed(),
                summary.scenariosPassed(), summary.scenariosFailed(), summary.scenariosSkipped()));
        line(text, "Duration", Format.duration(summary.durationSeconds()));

        line(text, "Optimal concurrency", summary.optimalConcurrentUsers() == null
                ? "none: no scenario met every production target"
                : summary.optimalConcurrentUsers() + " users (" + analysis.analysis().optimal().scenario() + ")");
        line(text, "Max throughput", Format.number(summary.maxThroughputQps(), 2)
                + " successful requests/s (steady window)");
        line(text, "Recommended pool size", Format.integer(summary.recommendedPoolSize()));

        BreakingPoint breakingPoint = analysis.analysis().breakingPoint();
        line(text, "Breaking point", breakingPoint == null ? "not reached"
                : breakingPoint.users() + " users (" + breakingPoint.scenario() + "): "
                        + String.join("; ", breakingPoint.reasons()));
        Scalability scalability = analysis.analysis().scalability();
        line(text, "Scalability (USL)", ScalabilityText.fitLine(scalability));
        String service = ScalabilityText.serviceLine(scalability);
        if (service != null) {
            line(text, "USL in the service", service);
        }
        if (scalability != null && scalability.fitted()) {
            line(text, "Model cross-check", ScalabilityText.crossCheckLine(scalability));
            for (Scalability.Warning warning : scalability.warnings()) {
                text.append("  ! ").append(warning.message()).append('\n');
            }
        }
        line(text, "Production ready", summary.productionReady() ? "yes" : "no");
        line(text, "Validation", summary.validation().status().name().toLowerCase(Locale.ROOT));
        summary.validation().checks().stream()
                .filter(check -> check.check().equals("open_model_validation"))
                .findFirst()
                .ifPresent(check -> line(text, "Open-model check", check.message()));
        line(text, "Final status", summary.verdict().toUpperCase(Locale.ROOT) + " (exit code " + summary.exitCode()
                + ")");

        for (String reason : summary.reasons()) {
            text.append("  - ").append(reason).append('\n');
        }
        if (reports != null) {
            text.append(RULE.replace('=', '-')).append('\n');
            line(text, "Gatling report", reports.gatlingReport().getParent() + "/");
            line(text, "Results", reports.results().toString());
            if (reports.productionConfig() != null) {
                line(text, "Production config", reports.productionConfig().toString());
            }
            line(text, "JUnit XML", reports.junit().toString());
            line(text, "Markdown summary", reports.markdownSummary().toString());
            if (reports.capacityReport() != null) {
                line(text, "Capacity report", reports.capacityReport().toUri().toString());
            }
            line(text, "Latest results", reports.latest().toString());
        }
        text.append(RULE).append('\n');
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format(Locale.ROOT, "%-22s %s%n", name + ":", value));
    }
}
