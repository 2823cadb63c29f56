package io.shotload.cli;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.InvalidSettingException;
import io.shotload.analysis.Setting;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed command line of {@link AnalyzeMain}. Settings start from the {@code -Dshotload.*} system
 * properties and flags override them.
 *
 * @param runPath the run folder or run data file; {@code null} with {@code --latest}
 * @param latest whether to take the newest run under the results folder
 * @param resultsDir Gatling's results folder; {@code null} when not given
 * @param reportsDir the reports folder; {@code null} when not given
 * @param quiet whether to skip the executive summary
 * @param help whether to print the help and stop
 * @param settings the analysis settings
 */
record AnalyzeOptions(
        Path runPath, boolean latest, Path resultsDir, Path reportsDir, boolean quiet, boolean help,
        AnalysisSettings settings) {

    /** Gatling's results folder when neither {@code --results-dir} nor a run folder is given. */
    static final String DEFAULT_RESULTS_DIR = "gatling-results";

    static AnalyzeOptions parse(String[] args, AnalysisSettings base) throws UsageException {
        Path runPath = null;
        boolean latest = false;
        Path resultsDir = null;
        Path reportsDir = null;
        boolean quiet = false;
        AnalysisSettings.Builder settings = base.toBuilder();

        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            String flag = arg;
            String inlineValue = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                flag = arg.substring(0, arg.indexOf('='));
                inlineValue = arg.substring(arg.indexOf('=') + 1);
            }

            switch (flag) {
                case "--help", "-h" -> {
                    return new AnalyzeOptions(null, false, null, null, false, true, base);
                }
                case "--latest" -> latest = noValue(flag, inlineValue);
                case "--quiet" -> quiet = noValue(flag, inlineValue);
                case "--results-dir" -> {
                    resultsDir = Path.of(value(args, index, flag, inlineValue));
                    index += inlineValue == null ? 1 : 0;
                }
                case "--reports-dir" -> {
                    reportsDir = Path.of(value(args, index, flag, inlineValue));
                    index += inlineValue == null ? 1 : 0;
                }
                default -> {
                    if (flag.startsWith("-")) {
                        Optional<Setting> setting = Setting.byFlag(flag);
                        if (setting.isEmpty() || !flag.startsWith("--")) {
                            throw new UsageException("Unknown option " + flag + "; run with --help for the options.");
                        }
                        String raw = value(args, index, flag, inlineValue);
                        index += inlineValue == null ? 1 : 0;
                        try {
                            setting.get().apply(settings, raw, flag);
                        } catch (InvalidSettingException e) {
                            throw new UsageException(e.getMessage());
                        }
                    } else if (runPath != null) {
                        throw new UsageException("Unexpected argument \"" + arg + "\": a run was already given ("
                                + runPath + "); pass one run folder or run data file.");
                    } else {
                        runPath = Path.of(arg);
                    }
                }
            }
        }

        if (latest && runPath != null) {
            throw new UsageException("Both --latest and the run " + runPath + " were given; pass one of them.");
        }
        if (!latest && runPath == null) {
            throw new UsageException("No run given; pass a run folder or its shotload-run.json, or --latest.");
        }

        AnalysisSettings built;
        try {
            built = settings.build();
        } catch (InvalidSettingException e) {
            throw new UsageException(e.getMessage());
        }
        return new AnalyzeOptions(runPath, latest, resultsDir, reportsDir, quiet, false, built);
    }

    private static boolean noValue(String flag, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException("Option " + flag + " takes no value, but got \"" + inlineValue + "\".");
        }
        return true;
    }

    private static String value(String[] args, int index, String flag, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new UsageException("Option " + flag + " needs a value; run with --help for the options.");
        }
        return args[index + 1];
    }
}
