package io.shotload.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.json.Json;
import io.shotload.report.html.CapacityHtmlReport;
import io.shotload.run.RunData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the report files of one analysis into the reports folder:
 * {@code load_test_results_<timestamp>.json}, {@code production_config_<timestamp>.json} (when a
 * configuration was recommended), {@code junit_<timestamp>.xml}, {@code summary_<timestamp>.md}, and
 * the {@value ReportFiles#LATEST_RESULTS} link. Timestamps come from the injected clock; no file ever
 * replaces an earlier report.
 */
public final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    public static final String RESULTS_PREFIX = "load_test_results_";
    public static final String PRODUCTION_CONFIG_PREFIX = "production_config_";
    public static final String JUNIT_PREFIX = "junit_";
    public static final String MARKDOWN_PREFIX = "summary_";
    public static final String CAPACITY_REPORT_PREFIX = "capacity_report_";

    private static final List<String[]> NAMES = List.of(
            new String[] {RESULTS_PREFIX, ".json"},
            new String[] {PRODUCTION_CONFIG_PREFIX, ".json"},
            new String[] {JUNIT_PREFIX, ".xml"},
            new String[] {MARKDOWN_PREFIX, ".md"},
            new String[] {CAPACITY_REPORT_PREFIX, ".html"});

    private final Path resultsDir;
    private final Path reportsDir;
    private final Clock clock;

    /**
     * @param resultsDir Gatling's results folder, which contains the run folders
     * @param reportsDir where the reports go, normally {@code <resultsDir>/reports}
     */
    public ReportWriter(Path resultsDir, Path reportsDir, Clock clock) {
        this.resultsDir = resultsDir;
        this.reportsDir = reportsDir;
        this.clock = clock;
    }

    /** Writes every report and points the latest link at the new results. */
    public WrittenReports write(RunData data, CapacityAnalysis analysis) throws IOException {
        Files.createDirectories(reportsDir);
        Instant now = clock.instant();
        String stem = ReportFiles.freeStem(reportsDir, clock, NAMES);
        String planName = data.plan() == null ? "run" : data.plan().name();

        // NOTE: the sibling names below are the ones freeStem found free. If another writer takes one in the
        // instant between, that file gets the next free name, and its path in the results is then stale.
        Path productionConfig = null;
        if (analysis.analysis().productionConfig() != null) {
            productionConfig = ReportFiles.writeNew(reportsDir, PRODUCTION_CONFIG_PREFIX, stem, ".json",
                    json(analysis.analysis().productionConfig()));
        }
        Path junit = ReportFiles.writeNew(reportsDir, JUNIT_PREFIX, stem, ".xml",
                JunitXmlReport.render(analysis, planName, now.toString()));
        Path markdownPath = reportsDir.resolve(MARKDOWN_PREFIX + stem + ".md");
        Path capacityReport = writeCapacityReport(data, analysis, now, stem);
        Path gatlingReport = resultsDir.resolve(data.runId() == null ? "" : data.runId()).resolve("index.html");

        ResultsDocument document = new ResultsDocument(
                ResultsDocument.FORMAT_VERSION,
                now.toString(),
                new ResultsDocument.RunInfo(data.runId(), data.simulation(), data.gatlingVersion(),
                        Instant.ofEpochMilli(data.startedAtEpochMillis()).toString(),
                        Instant.ofEpochMilli(data.endedAtEpochMillis()).toString(), data.durationSeconds(),
                        data.stopReason(), data.target(), gatlingReport.getParent().toString(),
                        gatlingReport.toString(), Files.isRegularFile(gatlingReport)),
                new ResultsDocument.ReportLinks(productionConfig == null ? null : productionConfig.toString(),
                        junit.toString(), markdownPath.toString(),
                        reportsDir.resolve(ReportFiles.LATEST_RESULTS).toString(),
                        capacityReport == null ? null : capacityReport.toString()),
                data.plan(),
                analysis.settings(),
                analysis.scenarios(),
                analysis.analysis(),
                analysis.summary());
        Path markdown = ReportFiles.writeNew(reportsDir, MARKDOWN_PREFIX, stem, ".md",
                MarkdownSummary.render(analysis, document).getBytes(StandardCharsets.UTF_8));
        Path results = ReportFiles.writeNew(reportsDir, RESULTS_PREFIX, stem, ".json", json(document));
        Path latest = ReportFiles.updateLatest(reportsDir, results);
        return new WrittenReports(results, productionConfig, junit, markdown, latest, gatlingReport, capacityReport);
    }

    /**
     * Writes the HTML capacity report, or returns {@code null} when it cannot be rendered. The results file
     * that CI gates on must not depend on the HTML, so a rendering failure is logged and skipped. A failure
     * to write the file is raised, because the other reports would fail the same way.
     */
    private Path writeCapacityReport(RunData data, CapacityAnalysis analysis, Instant now, String stem)
            throws IOException {
        byte[] html;
        try {
            html = CapacityHtmlReport.render(data, analysis, now).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.warn("Cannot render the HTML capacity report of run {}; the other reports are written without it. "
                    + "Please report this with the run data file.", data.runId(), e);
            return null;
        }
        return ReportFiles.writeNew(reportsDir, CAPACITY_REPORT_PREFIX, stem, ".html", html);
    }

    private static byte[] json(Object value) throws JsonProcessingException {
        return Json.mapper().writeValueAsBytes(value);
    }
}
