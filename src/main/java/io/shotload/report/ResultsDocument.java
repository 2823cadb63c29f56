package io.shotload.report;

import io.shotload.analysis.AnalysisFindings;
import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.ScenarioResult;
import io.shotload.analysis.Summary;
import io.shotload.plan.LoadPlan;
import io.shotload.run.TargetInfo;
import java.util.List;

/**
 * The layout of {@code load_test_results_<timestamp>.json}, field by field; names are snake_case in
 * the file.
 *
 * @param formatVersion {@value #FORMAT_VERSION}; raised when a field changes meaning or goes away
 * @param generatedAt when the analysis ran, ISO-8601 UTC
 * @param run where the data came from
 * @param reports the files written with this one, as paths
 * @param plan the plan as the run recorded it
 * @param settings the thresholds the analysis used
 * @param scenarios one entry per planned scenario: metrics, confidence intervals, stability, Little's law,
 *     criteria
 * @param analysis breaking point, optimum, pool size, production configuration, validation findings,
 *     and the scalability model with its cross-check
 * @param summary the headline, with the exit code
 */
public record ResultsDocument(
        int formatVersion,
        String generatedAt,
        RunInfo run,
        ReportLinks reports,
        LoadPlan plan,
        AnalysisSettings settings,
        List<ScenarioResult> scenarios,
        AnalysisFindings analysis,
        Summary summary) {

    public static final int FORMAT_VERSION = 1;

    /**
     * @param runId the Gatling run folder's name
     * @param simulation the simulation class's simple name
     * @param gatlingVersion the Gatling version that ran it
     * @param startedAt when the first scenario started, ISO-8601 UTC
     * @param endedAt when the last scenario ended, ISO-8601 UTC
     * @param durationSeconds the run's wall time
     * @param stopReason why the run stopped early; {@code null} when every scenario ran
     * @param target the service under test
     * @param runFolder the Gatling run folder
     * @param gatlingReport Gatling's HTML report, {@code <resultsDir>/<runId>/index.html}
     * @param gatlingReportExists whether that file existed when the reports were written
     */
    public record RunInfo(
            String runId,
            String simulation,
            String gatlingVersion,
            String startedAt,
            String endedAt,
            double durationSeconds,
            String stopReason,
            TargetInfo target,
            String runFolder,
            String gatlingReport,
            boolean gatlingReportExists) {}

    /**
     * @param productionConfig the production configuration file; {@code null} when none was recommended
     * @param junit the JUnit XML file
     * @param markdownSummary the Markdown summary
     * @param latest the link to the newest results file
     * @param capacityReport the self-contained HTML capacity report; {@code null} when it could not be rendered
     */
    public record ReportLinks(String productionConfig, String junit, String markdownSummary, String latest,
            String capacityReport) {}
}
