package io.shotload.simulation;

import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.recording.RunRecorder;
import io.shotload.recording.ScenarioRecorder;
import io.shotload.run.OpenValidationRun;
import io.shotload.run.RunData;
import io.shotload.run.RunDataFiles;
import io.shotload.run.ScenarioRun;
import io.shotload.run.TargetInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one capacity-test run behind the Gatling simulation: the target, the recorder, the
 * decision to skip the remaining scenarios, and the post-processing at the end. The simulation class
 * keeps only Gatling's DSL and calls into this.
 */
public final class CapacityRun {

    private static final Logger log = LoggerFactory.getLogger(CapacityRun.class);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final SimulationSettings settings;
    private final RunRecorder recorder;
    private final RunAnalyzer analyzer;
    private final Function<SimulationSettings, Target> targetLauncher;
    private final Object scenarioLock = new Object();
    private volatile Target target;
    private volatile String stopReason;
    private volatile long startedAtEpochMillis;
    private volatile OpenValidationStage validation;

    public CapacityRun(SimulationSettings settings, RunAnalyzer analyzer, Function<SimulationSettings, Target> targetLauncher) {
        this.settings = settings;
        this.recorder = new RunRecorder(settings.plan());
        this.analyzer = analyzer;
        this.targetLauncher = targetLauncher;
    }

    public SimulationSettings settings() {
        return settings;
    }

    /**
     * Starts or probes the target and the recorder. An unreachable target does not throw: the run is
     * marked as stopped, the first virtual user stops the load generator, and the verdict is critical.
     */
    public void start() {
        startedAtEpochMillis = System.currentTimeMillis();
        closeTargetWhenThreadEnds(Thread.currentThread());
        try {
            target = targetLauncher.apply(settings);
            log.info("Target: {} ({}), plan '{}' with {} scenarios, about {} s.", target.baseUrl(), target.backend(),
                    settings.plan().name(), settings.plan().scenarios().size(), settings.plan().totalDurationSeconds());
            recorder.start(target.baseUrl());
        } catch (TargetUnreachableException e) {
            log.error(e.getMessage());
            stop(CapacityAnalyzer.STOP_REASON_TARGET_UNREACHABLE + ": " + e.getMessage());
            recorder.start(null);
        }
    }

    /** Returns the target's root URL as a string without a trailing slash; empty before {@link #start}. */
    public String baseUrl() {
        Target current = target;
        return current == null ? "" : current.baseUrl().toString();
    }

    /** Returns why the run stops early, or {@code null} while it goes on. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Admits a virtual user into its scenario. The first user of each scenario closes the previous one
     * and has the analyzer check whether the breaking point was crossed.
     *
     * @return {@code false} when the run is stopping and the user must not send anything
     */
    public boolean enterScenario(String scenario) {
        ScenarioRecorder scenarioRecorder = recorder.scenario(scenario);
        if (stopReason == null && !scenarioRecorder.started()) {
            synchronized (scenarioLock) {
                if (stopReason == null && !scenarioRecorder.started()) {
                    List<ScenarioRun> finished = recorder.beginScenario(scenario);
                    analyzer.breakingPoint(finished, recorder.targetSamples()).ifPresent(this::stop);
                }
            }
        }
        if (stopReason != null) {
            return false;
        }
        scenarioRecorder.userStarted(System.currentTimeMillis());
        return true;
    }

    /**
     * Records one response.
     *
     * @param endEpochMillis when the response arrived
     * @param serverTiming the response's {@code Server-Timing} header, or {@code null}
     */
    public void recordResponse(String scenario, long endEpochMillis, long responseTimeMillis, int httpStatus,
            long bodyBytes, boolean success, String serverTiming) {
        String failure = success ? null : describeFailure(httpStatus);
        recorder.scenario(scenario).recordResponse(endEpochMillis, responseTimeMillis, httpStatus, bodyBytes, success,
                failure,
                ServerTiming.durationMillis(serverTiming, "capture"));
    }

    /**
     * Returns whether the scenario's planned window is still open. A user whose response arrives after
     * the window closed skips its think time, because Gatling waits for every user before the next
     * scenario starts and a pause there only stretches the run.
     */
    public boolean windowOpen(String scenario) {
        return recorder.scenario(scenario).windowOpenAt(System.currentTimeMillis());
    }

    /**
     * Admits or drops one candidate arrival of the open-model validation stage. The first arrival starts
     * the stage: it closes the last scenario and gets the recommended throughput from the analyzer.
     *
     * @return whether this arrival sends a request
     */
    public boolean admitValidationArrival() {
        OpenValidationStage stage = validation;
        if (stage == null) {
            synchronized (scenarioLock) {
                if (validation == null) {
                    validation = startValidation();
                }
                stage = validation;
            }
        }
        boolean admitted = stage.admit();
        if (admitted) {
            recorder.scenario(OpenValidationRun.SCENARIO_NAME).userStarted(System.currentTimeMillis());
        }
        return admitted;
    }

    private OpenValidationStage startValidation() {
        SimulationSettings.OpenValidation settings = this.settings.openValidation();
        List<ScenarioRun> finished = recorder.beginValidation(settings.durationSeconds());
        if (stopReason != null) {
            return OpenValidationStage.notRun("the run stopped before the validation stage: " + stopReason, settings);
        }
        OptionalDouble recommended = analyzer.recommendedThroughput(this.settings.plan(), finished, recorder.targetSamples());
        if (recommended.isEmpty() || recommended.getAsDouble() <= 0) {
            return OpenValidationStage.notRun("no scenario met the production targets, so there is no recommended "
                    + "throughput to offer", settings);
        }
        double offered = recommended.getAsDouble();
        if (offered > settings.maxArrivalRatePerSecond()) {
            log.warn("The recommended throughput {}/s exceeds shotload.validateMaxRate = {}/s; offering {}/s instead. "
                    + "Raise shotload.validateMaxRate to validate the full rate.", String.format(Locale.ROOT, "%.2f", offered),
                    settings.maxArrivalRatePerSecond(), settings.maxArrivalRatePerSecond());
            offered = settings.maxArrivalRatePerSecond();
        }
        log.info("Open-model validation: offering {}/s for {} s as Poisson arrivals.",
                String.format(Locale.ROOT, "%.2f", offered), settings.durationSeconds());
        return OpenValidationStage.running(offered, settings);
    }

    public void leaveScenario(String scenario) {
        recorder.scenario(scenario).userFinished(System.currentTimeMillis());
    }

    /**
     * Ends the run: stops the recorder and the target, writes the run data into the Gatling run folder
     * and runs the post-processor.
     *
     * @return the post-processor's exit code
     */
    public int finish(String simulationName, String gatlingVersion) {
        recorder.stop();
        Target current = target;
        TargetInfo targetInfo = current == null
                ? new TargetInfo(settings.embeddedStub() ? "" : settings.baseUrl().toString(), settings.embeddedStub(),
                        settings.embeddedStub() ? settings.backend() : "external", null)
                : new TargetInfo(current.baseUrl().toString(), current.embedded(), current.backend(), current.configuration());
        if (current != null) {
            current.close();
            target = null;
        }
        Path runFolder = locateRunFolder(simulationName);
        RunData data = recorder.toRunData(runFolder.getFileName().toString(), simulationName, gatlingVersion, targetInfo,
                stopReason, validationResult());
        RunDataFiles.write(runFolder, data);
        recorder.writeIntervalLog(runFolder);
        log.info("Run data written to {}", runFolder.resolve(RunDataFiles.RUN_DATA_FILE));
        return analyzer.analyze(runFolder, data);
    }

    /**
     * Closes the target once {@code gatlingThread} ends. Gatling calls {@code before()} on its main thread
     * and exits the JVM when the run ends normally; when the run crashes, that thread ends without an exit,
     * and the embedded stub's server threads would keep the JVM, and so {@code mvn gatling:test}, alive.
     */
    private void closeTargetWhenThreadEnds(Thread gatlingThread) {
        Thread watchdog = new Thread(() -> {
            try {
                gatlingThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Target current = target;
            if (current != null) {
                log.warn("Gatling's main thread ended before the run finished; stopping the target at {}", current.baseUrl());
                current.close();
            }
            recorder.stop();
        }, "shotload-target-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private OpenValidationRun validationResult() {
        SimulationSettings.OpenValidation settings = this.settings.openValidation();
        if (!settings.enabled()) {
            return null;
        }
        OpenValidationStage stage = validation;
        if (stage == null) {
            String reason = stopReason == null ? "the stage never started" : "the run stopped early: " + stopReason;
            return OpenValidationRun.notRun(reason, settings.maxArrivalRatePerSecond(), settings.durationSeconds());
        }
        return stage.result(recorder.validationSnapshot());
    }

    private void stop(String reason) {
        stopReason = reason;
        recorder.skipRemaining(reason);
        log.warn("Stopping the run: {}", reason);
    }

    /**
     * Finds the folder Gatling is writing this run into: the newest {@code <simulation>-<timestamp>}
     * folder with a {@code simulation.log} changed since the run started. Without one (Gatling run with
     * {@code --no-reports} elsewhere, say) a folder of that form is created.
     */
    private Path locateRunFolder(String simulationName) {
        Path results = settings.resultsDir();
        String prefix = simulationName.toLowerCase(Locale.ROOT) + "-";
        try {
            Files.createDirectories(results);
            try (Stream<Path> children = Files.list(results)) {
                Optional<Path> newest = children
                        .filter(Files::isDirectory)
                        .filter(folder -> folder.getFileName().toString().startsWith(prefix))
                        .filter(folder -> modifiedSinceStart(folder.resolve("simulation.log")))
                        .max(Comparator.comparing(folder -> folder.getFileName().toString()));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
            Path created = results.resolve(prefix + FOLDER_TIME.format(Instant.ofEpochMilli(startedAtEpochMillis)));
            return Files.createDirectories(created);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find or create the run folder under " + results + ": " + e.getMessage(), e);
        }
    }

    private boolean modifiedSinceStart(Path file) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() >= startedAtEpochMillis - 5_000;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describeFailure(int httpStatus) {
        if (httpStatus == 0) {
            return "no response (connection failed or timed out)";
        }
        if (httpStatus != 200) {
            return "HTTP " + httpStatus;
        }
        return "HTTP 200 but the body failed a check (content type, image signature or size)";
    }
}
