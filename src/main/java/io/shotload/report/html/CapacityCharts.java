package io.shotload.report.html;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.Scalability;
import io.shotload.analysis.ScenarioMetrics;
import io.shotload.analysis.ScenarioResult;
import io.shotload.report.html.SvgChart.Series;
import io.shotload.report.html.SvgChart.Style;
import io.shotload.run.RunData;
import io.shotload.run.TargetSample;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Builds the capacity report's charts from an analysis and its run data. */
final class CapacityCharts {

    static final String THROUGHPUT = "throughput";
    static final String RESPONSE_TIMES = "response-times";
    static final String ERROR_RATE = "error-rate";
    static final String MEMORY = "memory";
    static final String STABILITY = "stability";

    /** Points on the drawn USL curve; enough for a smooth line at the chart's width. */
    private static final int CURVE_POINTS = 120;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private static final String BLUE = "#1f77b4";
    private static final String ORANGE = "#ff7f0e";
    private static final String GREEN = "#2ca02c";
    private static final String RED = "#d62728";
    private static final String PURPLE = "#9467bd";
    private static final String GREY = "#7f7f7f";

    private CapacityCharts() {}

    /** Returns the charts in report order, each as an SVG element. */
    static List<String> render(RunData data, CapacityAnalysis analysis) {
        List<ScenarioResult> ran = analysis.scenarios().stream()
                .filter(ScenarioResult::ran)
                .sorted(Comparator.comparingInt(ScenarioResult::users))
                .toList();
        return List.of(
                throughput(analysis.analysis().scalability()),
                responseTimes(ran),
                errorRate(ran),
                memory(data),
                stability(ran, analysis.settings()));
    }

    private static String throughput(Scalability scalability) {
        SvgChart chart = new SvgChart(THROUGHPUT, "Throughput vs concurrent users", "concurrent users",
                "successful responses/s");
        if (scalability == null) {
            return chart.render();
        }
        List<Scalability.Point> steady = scalability.points().stream().filter(p -> "steady".equals(p.source())).toList();
        List<Scalability.Point> ramp = scalability.points().stream().filter(p -> "ramp".equals(p.source())).toList();
        chart.add(new Series("steady window per scenario", BLUE, Style.POINTS, pointUsers(steady), pointRps(steady)));
        chart.add(new Series("ramp-up seconds per user count", GREY, Style.HOLLOW_POINTS, pointUsers(ramp),
                pointRps(ramp)));
        if (scalability.fitted()) {
            double lambda = scalability.lambda().value();
            double sigma = scalability.sigma().value();
            double kappa = scalability.kappa().value();
            double maxUsers = scalability.maxMeasuredConcurrencyUsers() == null ? 1
                    : scalability.maxMeasuredConcurrencyUsers();
            if (scalability.peakConcurrencyUsers() != null) {
                maxUsers = Math.max(maxUsers, scalability.peakConcurrencyUsers());
            }
            double end = maxUsers * 1.1;
            double[] x = new double[CURVE_POINTS + 1];
            double[] y = new double[CURVE_POINTS + 1];
            for (int i = 0; i <= CURVE_POINTS; i++) {
                x[i] = 1 + (end - 1) * i / CURVE_POINTS;
                y[i] = lambda * x[i] / (1 + sigma * (x[i] - 1) + kappa * x[i] * (x[i] - 1));
            }
            chart.add(new Series("USL fit", RED, Style.LINE, x, y));
            if (scalability.peakConcurrencyUsers() != null) {
                chart.marker(new SvgChart.Marker(String.format(Locale.ROOT, "N* = %.1f",
                        scalability.peakConcurrencyUsers()), RED, scalability.peakConcurrencyUsers()));
            }
        }
        return chart.render();
    }

    private static String responseTimes(List<ScenarioResult> ran) {
        SvgChart chart = new SvgChart(RESPONSE_TIMES, "Response-time percentiles vs concurrent users",
                "concurrent users", "response time (ms)");
        double[] users = users(ran);
        chart.add(new Series("p50", GREEN, Style.LINE_AND_POINTS, users, metric(ran, m -> toDouble(m.p50ResponseTimeMs()))));
        chart.add(new Series("p95", ORANGE, Style.LINE_AND_POINTS, users, metric(ran, m -> toDouble(m.p95ResponseTimeMs()))));
        chart.add(new Series("p99", RED, Style.LINE_AND_POINTS, users, metric(ran, m -> toDouble(m.p99ResponseTimeMs()))));
        return chart.render();
    }

    private static String errorRate(List<ScenarioResult> ran) {
        SvgChart chart = new SvgChart(ERROR_RATE, "Error rate vs concurrent users", "concurrent users",
                "failed responses (%)");
        chart.add(new Series("error rate", RED, Style.LINE_AND_POINTS, users(ran),
                metric(ran, ScenarioMetrics::errorRatePercent)));
        return chart.render();
    }

    private static String memory(RunData data) {
        SvgChart chart = new SvgChart(MEMORY, "Target resident memory over the run", "minutes since the run started",
                "resident memory (MB)");
        List<TargetSample> samples = data.targetSamples().stream()
                .filter(sample -> sample.memoryResidentBytes() != null)
                .toList();
        double[] minutes = new double[samples.size()];
        double[] megabytes = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            minutes[i] = (samples.get(i).timestampEpochMillis() - data.startedAtEpochMillis()) / MILLIS_PER_MINUTE;
            megabytes[i] = samples.get(i).memoryResidentBytes() / BYTES_PER_MB;
        }
        chart.add(new Series("resident memory", PURPLE, Style.LINE, minutes, megabytes));
        return chart.render();
    }

    private static String stability(List<ScenarioResult> ran, AnalysisSettings settings) {
        SvgChart chart = new SvgChart(STABILITY, "Stability score per scenario", "concurrent users",
                "stability score (0-1)").maxY(1);
        chart.add(new Series("stability", BLUE, Style.LINE_AND_POINTS, users(ran),
                ran.stream().mapToDouble(result -> result.stability().score()).toArray()));
        chart.threshold(new SvgChart.Threshold("production target " + settings.targetStability(), GREEN,
                settings.targetStability()));
        chart.threshold(new SvgChart.Threshold("breaking point below " + settings.minStability(), RED,
                settings.minStability()));
        return chart.render();
    }

    private static double[] users(List<ScenarioResult> ran) {
        return ran.stream().mapToDouble(ScenarioResult::users).toArray();
    }

    private static double[] metric(List<ScenarioResult> ran, Function<ScenarioMetrics, Double> value) {
        double[] values = new double[ran.size()];
        for (int i = 0; i < ran.size(); i++) {
            Double v = value.apply(ran.get(i).metrics());
            values[i] = v == null ? Double.NaN : v;
        }
        return values;
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private static double[] pointUsers(List<Scalability.Point> points) {
        return points.stream().mapToDouble(Scalability.Point::users).toArray();
    }

    private static double[] pointRps(List<Scalability.Point> points) {
        return points.stream().mapToDouble(Scalability.Point::throughputRps).toArray();
    }

    /** Returns the chart ids in report order. */
    static List<String> ids() {
        return List.of(THROUGHPUT, RESPONSE_TIMES, ERROR_RATE, MEMORY, STABILITY);
    }
}
