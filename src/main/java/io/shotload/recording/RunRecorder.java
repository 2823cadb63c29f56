package io.shotload.recording;

import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.GeneratorSample;
import io.shotload.run.OpenValidationRun;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.TargetInfo;
import io.shotload.run.TargetSample;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a whole run: one {@link ScenarioRecorder} per planned scenario, and a sampler thread that
 * once a wall-clock second closes the open scenarios' intervals, reads the Gatling JVM's CPU and heap
 * and scrapes the target's {@code /metrics}.
 *
 * <p>Scenarios run one after another. A scenario is open from its first user until the next scenario's
 * first user arrives (Gatling's {@code andThen} starts it only once every user of the previous one has
 * finished) or until {@link #stop}; its last interval is closed then.
 */
public final class RunRecorder {

    /** The interval log of per-second histograms written next to the run data. */
    public static final String INTERVAL_LOG_FILE = "shotload-latency.hlog";

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final LoadPlan plan;
    private volatile ScenarioRecorder validation;
    private final Map<String, ScenarioRecorder> scenarios = new LinkedHashMap<>();
    private final List<ScenarioRecorder> open = Collections.synchronizedList(new ArrayList<>());
    private final List<Histogram> intervalLog = Collections.synchronizedList(new ArrayList<>());
    private final List<TargetSample> targetSamples = Collections.synchronizedList(new ArrayList<>());
    private final List<GeneratorSample> generatorSamples = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final GeneratorProbe generatorProbe = new GeneratorProbe();
    private ScheduledExecutorService sampler;
    private TargetMetricsScraper scraper;
    private volatile long startedAtEpochMillis = -1;
    private volatile long stoppedAtEpochMillis = -1;

    public RunRecorder(LoadPlan plan) {
        this.plan = plan;
        for (ScenarioSpec spec : plan.scenarios()) {
            scenarios.put(spec.name(), new ScenarioRecorder(spec));
        }
    }

    public ScenarioRecorder scenario(String name) {
        ScenarioRecorder recorder = name.equals(OpenValidationRun.SCENARIO_NAME) && validation != null
                ? validation
                : scenarios.get(name);
        if (recorder == null) {
            throw new IllegalArgumentException("No scenario named '" + name + "' in plan " + plan.name());
        }
        return recorder;
    }

    /**
     * Starts the once-a-second sampler.
     *
     * @param targetBaseUri the target whose {@code /metrics} to scrape, or {@code null} to scrape nothing
     */
    public synchronized void start(URI targetBaseUri) {
        if (sampler != null) {
            return;
        }
        startedAtEpochMillis = System.currentTimeMillis();
        scraper = targetBaseUri == null ? null : new TargetMetricsScraper(targetBaseUri);
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shotload-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long delayToNextSecond = 1000 - (System.currentTimeMillis() % 1000);
        sampler.scheduleAtFixedRate(this::sampleSafely, delayToNextSecond, 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * Marks the start of a scenario's first user and closes every earlier scenario that is still open.
     * Returns the finished scenarios so far, in plan order, for the breaking-point check.
     */
    public List<ScenarioRun> beginScenario(String name) {
        ScenarioRecorder starting = scenario(name);
        List<ScenarioRun> finished = new ArrayList<>();
        synchronized (open) {
            for (ScenarioRecorder earlier : List.copyOf(open)) {
                if (earlier != starting) {
                    intervalLog.add(earlier.closeSecond(currentSecond()));
                    open.remove(earlier);
                }
            }
            if (!open.contains(starting)) {
                open.add(starting);
            }
        }
        for (ScenarioRecorder recorder : scenarios.values()) {
            if (recorder == starting) {
                break;
            }
            if (recorder.started()) {
                finished.add(recorder.snapshot());
            }
        }
        return finished;
    }

    /**
     * Starts recording the open-model validation stage under {@link OpenValidationRun#SCENARIO_NAME},
     * closing every scenario that is still open. Returns the finished scenarios, in plan order.
     */
    public List<ScenarioRun> beginValidation(int durationSeconds) {
        synchronized (open) {
            for (ScenarioRecorder earlier : open) {
                intervalLog.add(earlier.closeSecond(currentSecond()));
            }
            open.clear();
            validation = new ScenarioRecorder(new ScenarioSpec(OpenValidationRun.SCENARIO_NAME, 0, durationSeconds, 0, 0));
            open.add(validation);
        }
        List<ScenarioRun> finished = new ArrayList<>();
        for (ScenarioRecorder recorder : scenarios.values()) {
            if (recorder.started()) {
                finished.add(recorder.snapshot());
            }
        }
        return finished;
    }

    /** Returns what the validation stage recorded, or {@code null} when it never started. */
    public ScenarioRun validationSnapshot() {
        ScenarioRecorder current = validation;
        return current == null ? null : current.snapshot();
    }

    /** Records that the remaining scenarios will not run, and why. */
    public void skipRemaining(String reason) {
        for (ScenarioRecorder recorder : scenarios.values()) {
            if (!recorder.started()) {
                recorder.markSkipped(reason);
            }
        }
    }

    /** Returns the target's metrics scraped so far. */
    public List<TargetSample> targetSamples() {
        synchronized (targetSamples) {
            return List.copyOf(targetSamples);
        }
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    /** Stops the sampler and closes the open scenarios' last intervals. Idempotent. */
    public synchronized void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampler = null;
        }
        synchronized (open) {
            for (ScenarioRecorder recorder : open) {
                intervalLog.add(recorder.closeSecond(currentSecond()));
            }
            open.clear();
        }
        if (stoppedAtEpochMillis < 0) {
            stoppedAtEpochMillis = System.currentTimeMillis();
        }
        if (scraper != null && !scraper.everSucceeded()) {
            // Normal for an external service, so a log line rather than a run warning that would lower the verdict.
            log.info("The target exposes no readable /metrics, so the report has no target memory or queue figures.");
        }
    }

    /** Builds the run data without a validation stage; call {@link #stop} first. */
    public RunData toRunData(String runId, String simulation, String gatlingVersion, TargetInfo target, String stopReason) {
        return toRunData(runId, simulation, gatlingVersion, target, stopReason, null);
    }

    /** Builds the run data; call {@link #stop} first. */
    public RunData toRunData(String runId, String simulation, String gatlingVersion, TargetInfo target, String stopReason,
            OpenValidationRun openValidation) {
        List<ScenarioRun> runs = new ArrayList<>();
        for (ScenarioRecorder recorder : scenarios.values()) {
            ScenarioRun run = recorder.snapshot();
            if (run.status() == ScenarioStatus.SKIPPED && stopReason != null && run.skipReason() == null) {
                run = ScenarioRun.skipped(run.spec(), stopReason);
            }
            runs.add(run);
        }
        long started = runs.stream().filter(run -> run.startedAtEpochMillis() != null)
                .mapToLong(ScenarioRun::startedAtEpochMillis).min().orElse(startedAtEpochMillis);
        long ended = runs.stream().filter(run -> run.endedAtEpochMillis() != null)
                .mapToLong(ScenarioRun::endedAtEpochMillis).max().orElse(stoppedAtEpochMillis);
        return new RunData(RunData.FORMAT_VERSION, runId, simulation, gatlingVersion, started, Math.max(started, ended),
                target, plan, runs, List.copyOf(targetSamples), List.copyOf(generatorSamples), stopReason,
                List.copyOf(warnings), openValidation);
    }

    /** Writes the per-second histograms as an HdrHistogram interval log, one tag per scenario. */
    public Path writeIntervalLog(Path runFolder) {
        Path file = runFolder.resolve(INTERVAL_LOG_FILE);
        try (PrintStream out = new PrintStream(file.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long base = startedAtEpochMillis < 0 ? System.currentTimeMillis() : startedAtEpochMillis;
            writer.outputComment("shotload per-second response times in milliseconds, tagged by scenario");
            writer.outputBaseTime(base);
            writer.outputLegend();
            synchronized (intervalLog) {
                for (Histogram interval : intervalLog) {
                    // Start times are relative to the base time, as interval logs expect; values are already
                    // in milliseconds, so the max column needs no unit conversion.
                    writer.outputIntervalHistogram((interval.getStartTimeStamp() - base) / 1000.0,
                            (interval.getEndTimeStamp() - base) / 1000.0, interval, 1.0);
                }
            }
        } catch (FileNotFoundException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Sampling the run failed; this second is missing from the per-second series: {}", e.toString());
        }
    }

    private void sample() {
        long secondStart = currentSecond() - 1000;
        int users = 0;
        synchronized (open) {
            for (ScenarioRecorder recorder : open) {
                intervalLog.add(recorder.closeSecond(secondStart));
                users += recorder.activeUsers();
            }
        }
        generatorSamples.add(generatorProbe.sample(users));
        if (scraper != null) {
            scraper.scrape().ifPresent(targetSamples::add);
        }
    }

    private static long currentSecond() {
        long now = System.currentTimeMillis();
        return now - (now % 1000);
    }
}
