package io.shotload.cli;

import io.shotload.compare.InvalidResultsFileException;
import io.shotload.compare.RegressionThreshold;
import io.shotload.compare.RegressionThresholds;
import io.shotload.compare.ResultsSnapshot;
import io.shotload.compare.RunComparison;
import io.shotload.compare.RunComparison.Row;
import io.shotload.compare.RunComparison.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares two results files, a baseline and the current run, and exits with the outcome:
 * {@code mvn -q exec:java@compare -Dexec.args="BASELINE_JSON CURRENT_JSON [options]"}.
 *
 * <p>Standard output gets a table, one row per compared figure, then three {@code KEY=value} lines:
 * <pre>
 * RESULT=ok|warnings|regression
 * EXIT_CODE=0|1|2
 * REASON=the rows that are not ok, joined with "; "
 * </pre>
 *
 * <p>Exit codes: 0 no regression, 1 warnings only, 2 a regression beyond a critical threshold, or a
 * bad option, or a missing or corrupt results file (the message names the file and the field).
 * Thresholds start from {@code -Dshotload.<camelCase flag>} properties; flags override them.
 */
public final class CompareMain {

    /** Exit code for a regression, a bad command line, or a results file that cannot be read. */
    public static final int EXIT_CRITICAL = RunComparison.EXIT_REGRESSION;

    private static final String ROW_FORMAT = "%-22s %-16s %10s %10s %14s %11s %11s  %s%n";

    private CompareMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the comparison without exiting the JVM and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        RegressionThresholds thresholds;
        try {
            RegressionThresholds.Builder builder = RegressionThresholds.fromProperties(System.getProperties());
            for (int index = 0; index < args.length; index++) {
                String arg = args[index];
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.print(help());
                    return 0;
                }
                if (!arg.startsWith("-")) {
                    files.add(Path.of(arg));
                    continue;
                }
                String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                Optional<RegressionThreshold> threshold = RegressionThreshold.byFlag(flag);
                if (threshold.isEmpty() || !flag.startsWith("--")) {
                    throw new UsageException("Unknown option " + flag + "; run with --help for the options.");
                }
                String raw;
                if (arg.contains("=")) {
                    raw = arg.substring(arg.indexOf('=') + 1);
                } else if (index + 1 < args.length) {
                    raw = args[++index];
                } else {
                    throw new UsageException("Option " + flag + " needs a value; run with --help for the options.");
                }
                builder.set(threshold.get(), threshold.get().parse(raw, flag));
            }
            if (files.size() != 2) {
                throw new UsageException("Expected two results files, BASELINE_JSON and CURRENT_JSON, but got "
                        + files.size() + "; run with --help for the usage.");
            }
            thresholds = builder.build();
        } catch (UsageException | IllegalArgumentException e) {
            err.println(e.getMessage());
            printResult(out, "regression", EXIT_CRITICAL, e.getMessage());
            return EXIT_CRITICAL;
        }

        RunComparison.Result result;
        try {
            ResultsSnapshot baseline = ResultsSnapshot.read(files.get(0), "baseline");
            ResultsSnapshot current = ResultsSnapshot.read(files.get(1), "current");
            result = RunComparison.compare(baseline, current, thresholds);
        } catch (InvalidResultsFileException e) {
            err.println("Run comparison: " + e.getMessage());
            printResult(out, "regression", EXIT_CRITICAL, e.getMessage());
            return EXIT_CRITICAL;
        }

        out.println("Baseline: " + files.get(0));
        out.println("Current:  " + files.get(1));
        out.printf(Locale.ROOT, ROW_FORMAT, "Metric", "Scenario", "Baseline", "Current", "Change", "Warn at",
                "Critical at", "Status");
        for (Row row : result.rows()) {
            out.printf(Locale.ROOT, ROW_FORMAT, row.metric(), row.scenario() == null ? "(run)" : row.scenario(),
                    number(row.baseline()), number(row.current()), change(row.change(), row.unit()),
                    threshold(row.warningAt(), row.unit()), threshold(row.criticalAt(), row.unit()),
                    status(row));
        }
        printResult(out, result.verdict(), result.exitCode(), reason(result));
        return result.exitCode();
    }

    private static String reason(RunComparison.Result result) {
        List<String> reasons = new ArrayList<>();
        for (Row row : result.rows()) {
            if (row.status() == Status.WARNING || row.status() == Status.CRITICAL) {
                String prefix = row.scenario() == null ? "" : row.scenario() + ": ";
                String figure = row.change() == null ? row.metric()
                        : row.metric() + " " + change(row.change(), row.unit());
                reasons.add(prefix + figure + (row.note() == null ? "" : " (" + row.note() + ")") + " is "
                        + (row.status() == Status.CRITICAL ? "a regression" : "a warning"));
            }
        }
        return reasons.isEmpty() ? "No figure reached a warning threshold" : String.join("; ", reasons);
    }

    private static void printResult(PrintStream out, String verdict, int exitCode, String reason) {
        out.println("RESULT=" + verdict);
        out.println("EXIT_CODE=" + exitCode);
        out.println("REASON=" + reason.replaceAll("\\s*\\R\\s*", " ").strip());
        out.flush();
    }

    private static String status(Row row) {
        String status = row.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return row.note() == null ? status : status + ": " + row.note();
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String change(Double value, String unit) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%s", value, unit.equals("%") ? "%"
                : " " + unit);
    }

    private static String threshold(Double value, String unit) {
        return value == null ? "-" : String.format(Locale.ROOT, "%s%s", format(value), unit.equals("%") ? "%"
                : " " + unit);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Returns the help text, built from the thresholds' defaults. */
    static String help() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: mvn -q exec:java@compare -Dexec.args=\"BASELINE_JSON CURRENT_JSON [options]\"\n\n");
        text.append("Compares two shotload results files and exits with 0 (no regression),\n");
        text.append("1 (warnings) or 2 (regression, bad option, or missing or corrupt file).\n\n");
        text.append("Thresholds (also -Dshotload.<camelCaseName>=VALUE; flags override properties):\n");
        for (RegressionThreshold threshold : RegressionThreshold.values()) {
            text.append(String.format(Locale.ROOT, "  %-42s %s, in %s (default: %s).%n",
                    "--" + threshold.flag() + " X", threshold.description(), threshold.unit(),
                    format(threshold.defaultValue())));
        }
        text.append(String.format(Locale.ROOT, "  %-42s %s%n", "--help", "Print this help."));
        return text.toString();
    }
}
