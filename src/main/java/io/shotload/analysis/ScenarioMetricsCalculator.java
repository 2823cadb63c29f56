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
 * needs {@value #MIN_MEMORY_SAMPLES_FOR_SLOPE} scrapes there, else it is {@code null}. The slope comes
 * with the half-width of its 95% confidence interval from the same regression.
 */
public final class ScenarioMetricsCalculator {

    /** Minimum target scrapes for a memory slope, because two points always fit a line exactly. */
    public static final int MIN_MEMORY_SAMPLES_FOR_SLOPE = 3;

    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    private static final double MILLIS_PER_MINUTE = 60_000.0;
    /**
     * How much of a scenario without ramp-up the service figures leave out at its start. Its users all
     * send their first request at once, so those captures start among fewer running ones than every later
     * capture does. They all start within this time.
     */
    private static final long FIRST_ROUND_MILLIS = 1000;

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
        long steadyEndMillis = Math.max(steadyStartMillis,
                Math.min(endMillis, startMillis + run.spec().durationSeconds() * 1000L));
        WindowSums steady = sum(run.seconds(), startMillis, endMillis, steadyStartMillis, steadyEndMillis);
        long serviceStartMillis = run.spec().rampUpSeconds() == 0
                ? Math.min(steadyEndMillis, steadyStartMillis + FIRST_ROUND_MILLIS)
                : steadyStartMillis;
        WindowSums service = sum(run.seconds(), startMillis, endMillis, serviceStartMillis, steadyEndMillis);
        Double inService = service.capturesInService();
        Double serviceConcurrency = service.concurrencyAtStart();
        Double successesPerCaptureSecond = service.successesPerCaptureSecond();
        Double serviceThroughput = serviceConcurrency != null && successesPerCaptureSecond != null
                ? serviceConcurrency * successesPerCaptureSecond
                : null;

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
                memory.growthCi95MbPerMinute,
                memory.peakBrowsers,
                memory.perBrowserMb,
                inService,
                serviceConcurrency,
                serviceThroughput);
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
     * Sums of the per-second samples over a window {@code [from, to)} of a scenario that ran over
     * {@code [start, end)}.
     *
     * @param seconds the window's exact length
     * @param successes successful responses that completed in the window
     * @param completions all responses that completed in the window
     * @param meanResponseMillis their mean response time
     * @param busyMillis capture time in progress in the target during the window; {@code null} without
     *     reported capture times
     * @param startedCaptures the captures that started in the window
     * @param startedConcurrency the summed number of captures running when each of them started
     * @param startedCaptureMillis the durations of the captures that started in the window
     * @param startedCaptureSuccesses the successes among those captures
     */
    private record WindowSums(double seconds, double successes, double completions, Double meanResponseMillis,
            Double busyMillis, double startedCaptures, double startedConcurrency, double startedCaptureMillis,
            double startedCaptureSuccesses) {

        /** Returns the mean number of captures in progress in the target over the window's time. */
        Double capturesInService() {
            return busyMillis == null || seconds <= 0 ? null : busyMillis / 1000.0 / seconds;
        }

        /** Returns the mean number of captures running when a capture started, itself included. */
        Double concurrencyAtStart() {
            return busyMillis == null || startedCaptures <= 0 ? null : startedConcurrency / startedCaptures;
        }

        /** Returns successes per second of capture time, over the captures that started in the window. */
        Double successesPerCaptureSecond() {
            return busyMillis == null || startedCaptureMillis <= 0 ? null
                    : startedCaptureSuccesses / (startedCaptureMillis / 1000.0);
        }
    }

    /**
     * Sums the per-second samples over the window {@code [from, to)}. The samples sit on wall-clock
     * seconds, so the first and last ones of a scenario cover only part of it. A sample that straddles an
     * edge of the window counts with the share of its in-scenario time that lies inside, which assumes
     * that its counts spread evenly over that time. The window's length is exact, so short scenarios are
     * not biased by the partial seconds at their edges.
     */
    private static WindowSums sum(List<SecondSample> samples, long startMillis, long endMillis, long from, long to) {
        double seconds = Math.max(0, to - from) / 1000.0;
        double successes = 0;
        double completions = 0;
        double weightedMeanSum = 0;
        double meanWeight = 0;
        double busyMillis = 0;
        double startedCaptures = 0;
        double startedConcurrency = 0;
        double startedMillis = 0;
        double startedSuccesses = 0;
        boolean captureTimes = !samples.isEmpty();
        for (SecondSample sample : samples) {
            long sampleStart = sample.startEpochMillis();
            long sampleEnd = sampleStart + 1000;
            long inScenario = overlapMillis(sampleStart, sampleEnd, startMillis, Math.max(endMillis, sampleStart));
            long inWindow = overlapMillis(sampleStart, sampleEnd, from, to);
            captureTimes &= sample.hasCaptureTimes();
            if (inWindow <= 0) {
                continue;
            }
            double share = inScenario <= 0 ? 1.0 : Math.min(1.0, (double) inWindow / inScenario);
            successes += sample.successes() * share;
            completions += sample.requests() * share;
            if (sample.hasCaptureTimes()) {
                busyMillis += sample.captureBusyMillis() * share;
                startedCaptures += sample.startedCaptures() * share;
                startedConcurrency += sample.startedCaptureConcurrency() * share;
                startedMillis += sample.startedCaptureMillis() * share;
                startedSuccesses += sample.startedCaptureSuccesses() * share;
            }
            if (sample.meanMillis() != null && sample.requests() > 0 && Double.isFinite(sample.meanMillis())) {
                weightedMeanSum += sample.meanMillis() * sample.requests() * share;
                meanWeight += sample.requests() * share;
            }
        }
        return new WindowSums(seconds, successes, completions, Numbers.ratioOrNull(weightedMeanSum, meanWeight),
                captureTimes ? busyMillis : null, startedCaptures, startedConcurrency, startedMillis, startedSuccesses);
    }

    private static long overlapMillis(long fromA, long toA, long fromB, long toB) {
        return Math.max(0, Math.min(toA, toB) - Math.max(fromA, fromB));
    }

    private record Memory(Double peakMb, Double growthMbPerMinute, Double growthCi95MbPerMinute, Double peakBrowsers,
            Double perBrowserMb) {}

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
            return new Memory(null, null, null, peakBrowsers, null);
        }
        boolean enoughSamples = regression.getN() >= MIN_MEMORY_SAMPLES_FOR_SLOPE;
        Double slope = enoughSamples ? Numbers.finiteOrNull(regression.getSlope()) : null;
        Double slopeCi95 = slope != null ? Numbers.finiteOrNull(regression.getSlopeConfidenceInterval(0.05)) : null;
        Double browsersAtPeak = peak.browsers();
        Double perBrowser = browsersAtPeak != null && browsersAtPeak >= 1
                ? peak.memoryResidentBytes() / BYTES_PER_MB / browsersAtPeak
                : null;
        return new Memory(peak.memoryResidentBytes() / BYTES_PER_MB, slope, slopeCi95, peakBrowsers, perBrowser);
    }
}
