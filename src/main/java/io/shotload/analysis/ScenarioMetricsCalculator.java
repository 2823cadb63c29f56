package io.shotload.analysis;

import io.shotload.run.Histograms;
import io.shotload.run.ScenarioRun;
import io.shotload.run.SecondSample;
import io.shotload.run.TargetSample;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Computes {@link ScenarioMetrics} from one scenario's recorded data and the target's scrapes.
 *
 * <p>Response-time statistics come from the HdrHistogram of all responses; throughput and the
 * steady-window mean come from the per-second samples; memory comes from the target samples whose
 * timestamp lies inside the scenario's window. The memory growth rate is the slope of an ordinary
 * least-squares line (commons-math3 {@link SimpleRegression}) through (minutes since start, MB) over
 * the steady window only, because during the ramp-up memory grows with every browser started; it
 * needs {@value #MIN_MEMORY_SAMPLES_FOR_SLOPE} scrapes there, else it is {@code null}.
 */
public final class ScenarioMetricsCalculator {

    /** Minimum target scrapes for a memory slope, because two points always fit a line exactly. */
    public static final int MIN_MEMORY_SAMPLES_FOR_SLOPE = 3;

    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private final AnalysisSettings settings;

    public ScenarioMetricsCalculator(AnalysisSettings settings) {
        this.settings = settings;
    }

    /**
     * Computes the metrics of a scenario that ran (completed or aborted).
     *
     * @throws io.shotload.run.InvalidRunDataException when a histogram is corrupt
     */
    public ScenarioMetrics compute(ScenarioRun run, List<TargetSample> targetSamples) {
        long total = Math.max(0, run.requests());
        long successful = Math.min(total, Math.max(0, run.successes()));
        long failed = total - successful;

        Histogram all = Histograms.decode(run.responseTimeHistogram(), run.name() + ".response_time_histogram");
        Histogram successes = Histograms.decode(run.successResponseTimeHistogram(),
                run.name() + ".success_response_time_histogram");
        boolean hasTimes = all.getTotalCount() > 0;

        long startMillis = windowStart(run);
        long endMillis = windowEnd(run, startMillis);
        Double windowSeconds = endMillis > startMillis ? (endMillis - startMillis) / 1000.0 : null;

        long steadyStartMillis = startMillis + run.spec().rampUpSeconds() * 1000L;
        SteadyWindow steady = steadyWindow(run.seconds(), startMillis, steadyStartMillis, endMillis);

        List<TargetSample> inWindow = targetSamples.stream()
                .filter(sample -> sample.timestampEpochMillis() >= startMillis
                        && sample.timestampEpochMillis() <= endMillis)
                .toList();
        Memory memory = memory(inWindow, startMillis, steadyStartMillis);

        return new ScenarioMetrics(
                run.name(),
                run.spec().users(),
                run.spec().thinkTimeMillis(),
                windowSeconds,
                steady.seconds(),
                total,
                successful,
                failed,
                total > 0 ? 100.0 * failed / total : null,
                hasTimes ? Numbers.finiteOrNull(all.getMean()) : null,
                hasTimes ? all.getMaxValue() : null,
                hasTimes ? all.getValueAtPercentile(50) : null,
                hasTimes ? all.getValueAtPercentile(75) : null,
                hasTimes ? all.getValueAtPercentile(95) : null,
                hasTimes ? all.getValueAtPercentile(99) : null,
                Numbers.ratioOrNull(steady.successes(), steady.seconds()),
                windowSeconds == null ? null : Numbers.ratioOrNull(successful, windowSeconds),
                Numbers.ratioOrNull(steady.completions(), steady.seconds()),
                steady.meanResponseMillis(),
                apdex(successes, total),
                inWindow.size(),
                memory.peakMb,
                memory.growthMbPerMinute,
                memory.peakBrowsers,
                memory.perBrowserMb,
                steady.captureMillis() == null || steady.seconds() <= 0 ? null
                        : steady.captureMillis() / 1000.0 / steady.seconds());
    }

    /**
     * Apdex = (satisfied + tolerating / 2) / all responses, with satisfied at most T and tolerating at
     * most 4T, as the Apdex Alliance (apdex.org) defines it. Failures count as frustrated, because a
     * failed screenshot satisfies no one, so only the successes' histogram supplies the other counts.
     */
    private Double apdex(Histogram successes, long total) {
        if (total <= 0) {
            return null;
        }
        long thresholdMillis = Math.max(1, Math.round(settings.apdexThresholdMs()));
        long satisfied = successes.getCountBetweenValues(0, thresholdMillis);
        long tolerating = successes.getCountBetweenValues(thresholdMillis + 1, 4 * thresholdMillis);
        return Numbers.clamp01((satisfied + tolerating / 2.0) / total);
    }

    private static long windowStart(ScenarioRun run) {
        if (run.startedAtEpochMillis() != null) {
            return run.startedAtEpochMillis();
        }
        return run.seconds().isEmpty() ? 0 : run.seconds().get(0).startEpochMillis();
    }

    private static long windowEnd(ScenarioRun run, long startMillis) {
        if (run.endedAtEpochMillis() != null) {
            return run.endedAtEpochMillis();
        }
        return run.seconds().isEmpty() ? startMillis : run.seconds().get(run.seconds().size() - 1).startEpochMillis() + 1000;
    }

    /**
     * Responses in the steady window, over its exact length in seconds, with the mean response time
     * weighted by each second's completions.
     */
    private record SteadyWindow(double seconds, double successes, double completions, Double meanResponseMillis,
            Double captureMillis) {}

    /**
     * Sums the per-second samples over the steady window {@code [steadyStart, end)}. The samples sit on
     * wall-clock seconds, so the first and last ones of a scenario cover only part of it. A sample that
     * straddles the end of the ramp-up counts with the share of its in-scenario time that lies after it,
     * which assumes completions spread evenly within that second; the window's length is exact, so short
     * scenarios are not biased by the partial seconds at their edges.
     */
    private static SteadyWindow steadyWindow(List<SecondSample> samples, long startMillis, long steadyStartMillis,
            long endMillis) {
        double seconds = Math.max(0, endMillis - steadyStartMillis) / 1000.0;
        double successes = 0;
        double completions = 0;
        double weightedMeanSum = 0;
        double meanWeight = 0;
        double captureMillis = 0;
        boolean anyCapture = false;
        for (SecondSample sample : samples) {
            long sampleStart = sample.startEpochMillis();
            long sampleEnd = sampleStart + 1000;
            long inScenario = overlapMillis(sampleStart, sampleEnd, startMillis, Math.max(endMillis, sampleStart));
            long inSteady = overlapMillis(sampleStart, sampleEnd, steadyStartMillis, endMillis);
            if (inSteady <= 0) {
                continue;
            }
            double share = inScenario <= 0 ? 1.0 : Math.min(1.0, (double) inSteady / inScenario);
            successes += sample.successes() * share;
            completions += sample.requests() * share;
            if (sample.serverCaptureMillis() != null && Double.isFinite(sample.serverCaptureMillis())) {
                captureMillis += sample.serverCaptureMillis() * share;
                anyCapture = true;
            }
            if (sample.meanMillis() != null && sample.requests() > 0 && Double.isFinite(sample.meanMillis())) {
                weightedMeanSum += sample.meanMillis() * sample.requests() * share;
                meanWeight += sample.requests() * share;
            }
        }
        return new SteadyWindow(seconds, successes, completions, Numbers.ratioOrNull(weightedMeanSum, meanWeight),
                anyCapture ? captureMillis : null);
    }

    private static long overlapMillis(long fromA, long toA, long fromB, long toB) {
        return Math.max(0, Math.min(toA, toB) - Math.max(fromA, fromB));
    }

    private record Memory(Double peakMb, Double growthMbPerMinute, Double peakBrowsers, Double perBrowserMb) {}

    private static Memory memory(List<TargetSample> samples, long startMillis, long steadyStartMillis) {
        SimpleRegression regression = new SimpleRegression();
        TargetSample peak = null;
        Double peakBrowsers = null;
        for (TargetSample sample : samples) {
            Double bytes = sample.memoryResidentBytes();
            if (bytes != null && Double.isFinite(bytes)) {
                if (sample.timestampEpochMillis() >= steadyStartMillis) {
                    regression.addData((sample.timestampEpochMillis() - startMillis) / MILLIS_PER_MINUTE,
                            bytes / BYTES_PER_MB);
                }
                if (peak == null || bytes > peak.memoryResidentBytes()) {
                    peak = sample;
                }
            }
            Double browsers = sample.browsers();
            if (browsers != null && Double.isFinite(browsers) && (peakBrowsers == null || browsers > peakBrowsers)) {
                peakBrowsers = browsers;
            }
        }
        if (peak == null) {
            return new Memory(null, null, peakBrowsers, null);
        }
        Double slope = regression.getN() >= MIN_MEMORY_SAMPLES_FOR_SLOPE ? Numbers.finiteOrNull(regression.getSlope()) : null;
        Double browsersAtPeak = peak.browsers();
        Double perBrowser = browsersAtPeak != null && browsersAtPeak >= 1
                ? peak.memoryResidentBytes() / BYTES_PER_MB / browsersAtPeak
                : null;
        return new Memory(peak.memoryResidentBytes() / BYTES_PER_MB, slope, peakBrowsers, perBrowser);
    }
}
