package io.shotload.report;

import java.nio.file.Path;

/**
 * The files one analysis wrote.
 *
 * @param results the results JSON
 * @param productionConfig the production configuration; {@code null} when none was recommended
 * @param junit the JUnit XML
 * @param markdownSummary the Markdown summary
 * @param latest the link, or copy, named {@value ReportFiles#LATEST_RESULTS}
 * @param gatlingReport Gatling's HTML report of the run, which may not exist
 * @param capacityReport the self-contained HTML capacity report; {@code null} when it could not be rendered
 */
public record WrittenReports(
        Path results, Path productionConfig, Path junit, Path markdownSummary, Path latest, Path gatlingReport,
        Path capacityReport) {}
