package io.shotload.report;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.run.RunData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run in one call: analyse the run data, write the reports, print the executive summary,
 * and return the exit code. The simulation calls it after its last scenario; the CLI calls it for a
 * finished run.
 */
public final class PostProcessor {

    /** Reports go to this folder under the results folder unless another is given. */
    public static final String DEFAULT_REPORTS_FOLDER = "reports";

    private static final Logger LOG = LoggerFactory.getLogger(PostProcessor.class);

    private final CapacityAnalyzer analyzer;
    private final ReportWriter writer;
    private final PrintStream console;

    /**
     * @param resultsDir Gatling's results folder
     * @param reportsDir where reports go; {@code null} for {@code <resultsDir>/reports}
     * @param console where the executive summary goes; {@code null} prints nothing
     */
    public PostProcessor(AnalysisSettings settings, Path resultsDir, Path reportsDir, Clock clock,
            PrintStream console) {
        Objects.requireNonNull(resultsDir, "resultsDir");
        this.analyzer = new CapacityAnalyzer(settings);
        this.writer = new ReportWriter(resultsDir,
                reportsDir == null ? resultsDir.resolve(DEFAULT_REPORTS_FOLDER) : reportsDir, clock);
        this.console = console;
    }

    /** The analysis, the files written and the exit code of one run. */
    public record Result(CapacityAnalysis analysis, WrittenReports reports) {

        /** Returns 0, 1 or 2 as {@link io.shotload.analysis.ExitCode} defines. */
        public int exitCode() {
            return analysis.exitCode();
        }
    }

    /**
     * Analyses {@code data}, writes the reports and prints the summary.
     *
     * @throws io.shotload.run.InvalidRunDataException when a histogram in the run data is corrupt
     * @throws IOException when a report cannot be written
     */
    public Result process(RunData data) throws IOException {
        CapacityAnalysis analysis = analyzer.analyze(data);
        WrittenReports reports = writer.write(data, analysis);
        LOG.info("Analysed run {}: verdict {}, exit code {}; results in {}", data.runId(),
                analysis.summary().verdict(), analysis.exitCode(), reports.results());
        if (console != null) {
            console.print(ExecutiveSummary.render(analysis, reports));
            console.flush();
        }
        return new Result(analysis, reports);
    }
}
