package io.shotload.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.analysis.BreakingPoint;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.ModelCrossCheck;
import io.shotload.analysis.ProductionConfig;
import io.shotload.analysis.Scalability;
import io.shotload.analysis.ScenarioConfidence;
import io.shotload.analysis.ScenarioMetrics;
import io.shotload.analysis.ScenarioResult;
import io.shotload.analysis.Summary;
import io.shotload.json.Json;
import io.shotload.run.RunData;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the capacity report: one self-contained HTML file with the verdict, the production
 * configuration, a table per scenario, the scalability model and five SVG charts.
 *
 * <p>The page loads nothing: no script, no font, no image, no style sheet from elsewhere. Its Content
 * Security Policy ({@value #CONTENT_SECURITY_POLICY}) lets the browser enforce that, so it opens offline
 * and from a CI artifact alike. The charts are SVG drawn here rather than with a JavaScript chart library,
 * because Jenkins serves archived HTML under a policy that blocks scripts by default, and an SVG chart
 * still draws there. Every string from the run or the analysis goes through {@link Html#escape}.
 */
public final class CapacityHtmlReport {

    /** Allows inline styles only; everything else, scripts and network requests included, is blocked. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}
            table{border-collapse:collapse;margin:8px 0 16px}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            td.num{text-align:right}
            .verdict{font-size:20px;padding:8px 12px;display:inline-block;border-radius:4px}
            .ready{background:#d4edda}.warnings{background:#fff3cd}.critical{background:#f8d7da}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            .note{color:#555;font-size:13px}
            """;

    private CapacityHtmlReport() {}

    /** Renders the report of one analysis; {@code generatedAt} is shown in the header. */
    public static String render(RunData data, CapacityAnalysis analysis, Instant generatedAt) {
        Summary summary = analysis.summary();
        String planName = data.plan() == null ? "run" : data.plan().name();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                .append("\">\n<title>").append(e("shotload capacity report: " + planName)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");

        html.append("<h1>").append(e("Capacity report: " + planName)).append("</h1>\n");
        html.append("<p class=\"note\">Run ").append(e(data.runId())).append(", target ")
                .append(e(data.target() == null ? "n/a" : data.target().baseUrl())).append(", started ")
                .append(e(Instant.ofEpochMilli(data.startedAtEpochMillis()).toString())).append(", ")
                .append(e(String.format(Locale.ROOT, "%.0f s", data.durationSeconds()))).append(". Generated ")
                .append(e(generatedAt.toString())).append(".</p>\n");

        verdict(html, analysis);
        productionConfig(html, analysis.analysis().productionConfig());
        scenarios(html, analysis.scenarios());
        scalability(html, analysis.analysis().scalability());

        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (String chart : CapacityCharts.render(data, analysis)) {
            html.append(chart);
        }
        html.append("</div>\n");

        List<String> warnings = analysis.analysis().warnings();
        if (!warnings.isEmpty()) {
            html.append("<h2>Warnings</h2>\n<ul>\n");
            warnings.forEach(warning -> html.append("<li>").append(e(warning)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<p class=\"note\">Steady figures cover each scenario's window after its planned ramp-up. "
                + "Response times are Gatling's, from the run's HdrHistograms. Intervals are 95%: order statistics "
                + "for percentiles, batch means for throughput. Summary: ")
                .append(e(summary.scenariosTotal() + " scenarios, " + summary.scenariosPassed() + " passed, "
                        + summary.scenariosFailed() + " failed, " + summary.scenariosSkipped() + " skipped"))
                .append(".</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void verdict(StringBuilder html, CapacityAnalysis analysis) {
        Summary summary = analysis.summary();
        html.append("<h2>Verdict</h2>\n<p><span class=\"verdict ").append(e(summary.verdict())).append("\">")
                .append(e(summary.verdict().toUpperCase(Locale.ROOT) + " (exit code " + summary.exitCode() + ")"))
                .append("</span></p>\n<table>\n");
        row(html, "Production ready", summary.productionReady() ? "yes" : "no");
        row(html, "Optimal concurrency", summary.optimalConcurrentUsers() == null
                ? "none: no scenario met every production target"
                : summary.optimalConcurrentUsers() + " users (" + analysis.analysis().optimal().scenario() + ")");
        row(html, "Recommended pool size", summary.recommendedPoolSize() == null ? "n/a"
                : String.valueOf(summary.recommendedPoolSize()));
        row(html, "Max throughput", number(summary.maxThroughputQps(), 2) + " successful responses/s (steady window)");
        BreakingPoint breakingPoint = analysis.analysis().breakingPoint();
        row(html, "Breaking point", breakingPoint == null ? "not reached"
                : breakingPoint.users() + " users (" + breakingPoint.scenario() + "): "
                        + String.join("; ", breakingPoint.reasons()));
        row(html, "Validation", summary.validation().status().name().toLowerCase(Locale.ROOT));
        html.append("</table>\n");
        if (!summary.reasons().isEmpty()) {
            html.append("<ul>\n");
            summary.reasons().forEach(reason -> html.append("<li>").append(e(reason)).append("</li>\n"));
            html.append("</ul>\n");
        }
    }

    private static void productionConfig(StringBuilder html, ProductionConfig config) {
        html.append("<h2>Production configuration</h2>\n");
        if (config == null) {
            html.append("<p>None recommended: no scenario met every production target.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Setting</th><th>Value</th><th>Basis</th></tr>\n");
        JsonNode tree = Json.mapper().valueToTree(config);
        flatten(html, "", tree, config.basis());
        html.append("</table>\n");
    }

    /** Writes one row per leaf of the configuration, skipping the basis map itself. */
    private static void flatten(StringBuilder html, String prefix, JsonNode node, Map<String, String> basis) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (key.equals("basis")) {
                continue;
            }
            if (field.getValue().isObject()) {
                flatten(html, key, field.getValue(), basis);
            } else {
                html.append("<tr><td>").append(e(key)).append("</td><td class=\"num\">")
                        .append(e(field.getValue().asText())).append("</td><td>").append(e(basis.getOrDefault(key, "")))
                        .append("</td></tr>\n");
            }
        }
    }

    private static void scenarios(StringBuilder html, List<ScenarioResult> scenarios) {
        html.append("<h2>Scenarios</h2>\n<table>\n<tr><th>Scenario</th><th>Users</th><th>Status</th>"
                + "<th>Requests</th><th>Error rate %</th><th>Avg ms</th><th>p95 ms (95% CI)</th>"
                + "<th>p99 ms (95% CI)</th><th>Steady throughput/s (95% CI)</th><th>Warm-up (MSER-5)</th>"
                + "<th>Stability</th><th>Outcome</th></tr>\n");
        for (ScenarioResult scenario : scenarios) {
            html.append("<tr><td>").append(e(scenario.scenario())).append("</td><td class=\"num\">")
                    .append(scenario.users()).append("</td><td>")
                    .append(e(scenario.status().name().toLowerCase(Locale.ROOT))).append("</td>");
            ScenarioMetrics metrics = scenario.metrics();
            ScenarioConfidence confidence = scenario.confidence();
            if (metrics == null || confidence == null) {
                html.append("<td colspan=\"8\">").append(e("not run: " + scenario.skipReason())).append("</td>");
            } else {
                cell(html, String.valueOf(metrics.totalRequests()));
                cell(html, number(metrics.errorRatePercent(), 2));
                cell(html, number(metrics.avgResponseTimeMs(), 0));
                cell(html, percentile(confidence.p95ResponseTimeMs()));
                cell(html, percentile(confidence.p99ResponseTimeMs()));
                cell(html, mean(confidence.throughputSteadyRps()));
                cell(html, confidence.warmUp().droppedSeconds() + " of " + confidence.warmUp().seriesSeconds()
                        + " s; after it " + mean(confidence.warmUp().throughputAfterWarmUp()));
                cell(html, number(scenario.stability().score(), 2));
            }
            html.append("<td>").append(e(scenario.outcome().name().toLowerCase(Locale.ROOT))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void scalability(StringBuilder html, Scalability scalability) {
        html.append("<h2>Scalability model</h2>\n<p>Universal Scalability Law, <code>").append(e(Scalability.FORMULA))
                .append("</code>, fitted by weighted least squares to the steady windows and the ramp-up seconds.</p>\n");
        if (scalability == null || !scalability.fitted()) {
            html.append("<p>Not fitted: ").append(e(scalability == null ? "no scenario ran" : scalability.reason()))
                    .append(".</p>\n");
        } else {
            html.append("<table>\n");
            row(html, "lambda (successful responses/s per user)", coefficient(scalability.lambda()));
            row(html, "sigma (contention)", coefficient(scalability.sigma()));
            row(html, "kappa (coherency)", coefficient(scalability.kappa()));
            row(html, "R squared", number(scalability.rSquared(), 3));
            row(html, "Peak concurrency N*", scalability.peakConcurrencyUsers() == null ? "none"
                    : number(scalability.peakConcurrencyUsers(), 1) + " users");
            row(html, "Peak throughput", number(scalability.peakThroughputRps(), 2) + " successful responses/s");
            row(html, "Points / levels", scalability.points().size() + " / " + scalability.concurrencyLevels());
            html.append("</table>\n");
            if (!scalability.warnings().isEmpty()) {
                html.append("<ul>\n");
                scalability.warnings().forEach(warning -> html.append("<li>").append(e(warning.message()))
                        .append("</li>\n"));
                html.append("</ul>\n");
            }
        }
        ModelCrossCheck check = scalability == null ? null : scalability.crossCheck();
        if (check != null) {
            html.append("<h3>Cross-check with the rule-based results</h3>\n<p>").append(e(check.explanation()))
                    .append("</p>\n");
        }
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(e(name)).append("</th><td>").append(e(value)).append("</td></tr>\n");
    }

    private static void cell(StringBuilder html, String value) {
        html.append("<td class=\"num\">").append(e(value)).append("</td>");
    }

    private static String percentile(ScenarioConfidence.PercentileInterval interval) {
        if (interval.insufficientSamples()) {
            return "n/a (" + interval.samples() + " of " + interval.required() + " samples)";
        }
        return interval.value() + " (" + number(interval.lowerMs(), 0) + "-" + number(interval.upperMs(), 0) + ")";
    }

    private static String mean(ScenarioConfidence.MeanInterval interval) {
        if (interval.meanRps() == null) {
            return "n/a";
        }
        if (interval.insufficientSamples()) {
            return number(interval.meanRps(), 2) + " (no interval: " + interval.samples() + " of "
                    + interval.required() + " s)";
        }
        return number(interval.meanRps(), 2) + " (" + number(interval.lowerRps(), 2) + "-"
                + number(interval.upperRps(), 2) + ")";
    }

    private static String coefficient(Scalability.Coefficient coefficient) {
        String value = String.format(Locale.ROOT, "%.3g", coefficient.value());
        return coefficient.standardError() == null ? value + " (standard error n/a)"
                : value + " +/- " + String.format(Locale.ROOT, "%.2g", coefficient.standardError());
    }

    private static String number(Double value, int decimals) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String e(String text) {
        return Html.escape(text);
    }
}
