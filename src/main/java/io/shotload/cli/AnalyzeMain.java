package io.shotload.cli;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.InvalidSettingException;
import io.shotload.analysis.Setting;
import io.shotload.report.PostProcessor;
import io.shotload.run.InvalidRunDataException;
import io.shotload.run.RunData;
import io.shotload.run.RunDataFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Analyses a finished run from the command line:
 * {@code mvn -q exec:java@analyze -Dexec.args="--latest"}. The exit code is the analysis's (0 ready,
 * 1 warnings, 2 no valid verdict, see {@link io.shotload.analysis.ExitCode}); a bad option or missing or
 * corrupt run data also gives 2.
 */
public final class AnalyzeMain {

    /** Exit code for a bad command line, missing or corrupt run data, or reports that cannot be written. */
    public static final int EXIT_USAGE_OR_DATA_ERROR = 2;

    private AnalyzeMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the CLI and returns the exit code instead of exiting, for tests and embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        AnalyzeOptions options;
        try {
            options = AnalyzeOptions.parse(args, AnalysisSettings.fromSystemProperties());
        } catch (InvalidSettingException | UsageException e) {
            err.println(e.getMessage());
            return EXIT_USAGE_OR_DATA_ERROR;
        }
        if (options.help()) {
            out.print(help());
            return 0;
        }
        try {
            Path runFolder = runFolder(options);
            RunData data = RunDataFiles.read(runFolder);
            Path resultsDir = options.resultsDir() != null ? options.resultsDir() : resultsDirOf(runFolder);
            PostProcessor processor = new PostProcessor(options.settings(), resultsDir, options.reportsDir(), clock,
                    options.quiet() ? null : out);
            return processor.process(data).exitCode();
        } catch (InvalidRunDataException e) {
            err.println(e.getMessage());
            return EXIT_USAGE_OR_DATA_ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println("Cannot write the reports: " + e.getMessage());
            return EXIT_USAGE_OR_DATA_ERROR;
        }
    }

    private static Path runFolder(AnalyzeOptions options) {
        if (!options.latest()) {
            return options.runPath();
        }
        Path resultsDir = options.resultsDir() != null ? options.resultsDir() : Path.of(AnalyzeOptions.DEFAULT_RESULTS_DIR);
        Optional<Path> newest = RunDataFiles.newestRunFolder(resultsDir);
        return newest.orElseThrow(() -> new InvalidRunDataException("Run data not found: no folder under "
                + resultsDir.toAbsolutePath() + " contains " + RunDataFiles.RUN_DATA_FILE
                + "; run the simulation first, or pass --results-dir or a run folder."));
    }

    /** Returns the results folder that contains a run folder, so the Gatling report link points beside it. */
    private static Path resultsDirOf(Path runPath) {
        Path folder = Files.isDirectory(runPath) ? runPath : runPath.toAbsolutePath().getParent();
        Path parent = folder.toAbsolutePath().getParent();
        return parent == null ? Path.of(AnalyzeOptions.DEFAULT_RESULTS_DIR) : parent;
    }

    /** Returns the help text, built from the settings' defaults. */
    static String help() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: mvn -q exec:java@analyze -Dexec.args=\"[options] <run folder | shotload-run.json>\"\n");
        text.append("       mvn -q exec:java@analyze -Dexec.args=\"--latest [--results-dir DIR] [options]\"\n\n");
        text.append("Analyses a finished shotload run, writes its reports and exits with\n");
        text.append("0 (production ready), 1 (completed with warnings) or 2 (no valid verdict,\n");
        text.append("bad option, or missing or corrupt run data).\n\n");
        text.append("Options:\n");
        option(text, "--latest", "Analyse the newest run under the results folder.");
        option(text, "--results-dir DIR", "Gatling's results folder (default: " + AnalyzeOptions.DEFAULT_RESULTS_DIR
                + ", or the folder holding the given run).");
        option(text, "--reports-dir DIR", "Where reports are written (default: <results-dir>/"
                + PostProcessor.DEFAULT_REPORTS_FOLDER + ").");
        option(text, "--quiet", "Print no executive summary; errors still go to standard error.");
        option(text, "--help", "Print this help.");
        text.append("\nSettings (also -D").append(Setting.PROPERTY_PREFIX)
                .append("<camelCaseName>=VALUE, such as -Dshotload.maxErrorRatePercent=25;\nflags override "
                        + "properties):\n");
        for (Setting setting : Setting.values()) {
            option(text, "--" + setting.flag() + " " + (setting.integer() ? "N" : "X"), String.format(Locale.ROOT,
                    "%s, %s in %s (default: %s).", setting.description(), setting.unit(), setting.range(),
                    Setting.format(setting.defaultValue())));
        }
        return text.toString();
    }

    private static void option(StringBuilder text, String name, String description) {
        text.append(String.format(Locale.ROOT, "  %-45s %s%n", name, description));
    }
}
