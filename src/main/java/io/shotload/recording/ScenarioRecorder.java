package io.shotload.recording;

import io.shotload.plan.ScenarioSpec;
import io.shotload.run.Histograms;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records the responses of one scenario while it runs, from Gatling's virtual-user threads.
 *
 * <p>Response times go into two HdrHistogram {@link Recorder}s (all responses, successes only), which
 * take values without locks. Once a second {@link #closeSecond} swaps out the interval histograms,
 * turns them into a {@link SecondSample} and adds them to the scenario's totals, so the totals and the
 * per-second series always agree.
 */
public final class ScenarioRecorder {

    /** Failure messages kept per scenario; further kinds only count under their status. */
    static final int MAX_FAILURE_KINDS = 20;

    private final ScenarioSpec spec;
    private final Recorder allResponses = new Recorder(Histograms.HIGHEST_TRACKABLE_MILLIS, Histograms.SIGNIFICANT_DIGITS);
    private final Recorder successResponses = new Recorder(Histograms.HIGHEST_TRACKABLE_MILLIS, Histograms.SIGNIFICANT_DIGITS);
    private final Map<String, LongAdder> statusCounts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failureMessages = new ConcurrentHashMap<>();
    private final LongAdder responseBytes = new LongAdder();
    private final CaptureIntervals captures = new CaptureIntervals();
    private final AtomicInteger activeUsers = new AtomicInteger();
    private final AtomicLong startedAtEpochMillis = new AtomicLong(-1);
    private final AtomicLong lastUserFinishedEpochMillis = new AtomicLong(-1);

    // Written only by the sampling thread, under this object's lock.
    private final Histogram totalAll = Histograms.newMillisHistogram();
    private final Histogram totalSuccess = Histograms.newMillisHistogram();
    private final List<SecondSample> seconds = new ArrayList<>();
    private Histogram recycledAll;
    private Histogram recycledSuccess;
    private volatile ScenarioStatus status;
    private volatile String skipReason;

    ScenarioRecorder(ScenarioSpec spec) {
        this.spec = spec;
    }

    public ScenarioSpec spec() {
        return spec;
    }

    /** Marks a virtual user's start; returns {@code true} for the scenario's first user. */
    public boolean userStarted(long nowEpochMillis) {
        activeUsers.incrementAndGet();
        return startedAtEpochMillis.compareAndSet(-1, nowEpochMillis);
    }

    public void userFinished(long nowEpochMillis) {
        activeUsers.decrementAndGet();
        lastUserFinishedEpochMillis.accumulateAndGet(nowEpochMillis, Math::max);
    }

    public int activeUsers() {
        return activeUsers.get();
    }

    /** Returns whether {@code nowEpochMillis} lies before the end of the scenario's planned window. */
    public boolean windowOpenAt(long nowEpochMillis) {
        long started = startedAtEpochMillis.get();
        return started < 0 || nowEpochMillis < started + spec.durationSeconds() * 1000L;
    }

    public boolean started() {
        return startedAtEpochMillis.get() >= 0;
    }

    /**
     * Records one response.
     *
     * @param responseTimeMillis Gatling's response time, or the time until the failure for a request with no response
     * @param httpStatus the status code, 0 when no response arrived
     * @param bodyBytes the body's size
     * @param success whether every check passed
     * @param failureMessage a short description when {@code success} is false
     */
    public void recordResponse(long responseTimeMillis, int httpStatus, long bodyBytes, boolean success, String failureMessage) {
        recordResponse(System.currentTimeMillis(), responseTimeMillis, httpStatus, bodyBytes, success, failureMessage,
                Double.NaN);
    }

    /**
     * Records one response with the capture time the target reported for it.
     *
     * @param endEpochMillis when the response arrived
     * @param serverCaptureMillis the {@code capture;dur=} of the response's {@code Server-Timing} header, or NaN
     */
    public void recordResponse(long endEpochMillis, long responseTimeMillis, int httpStatus, long bodyBytes,
            boolean success, String failureMessage, double serverCaptureMillis) {
        if (Double.isFinite(serverCaptureMillis) && serverCaptureMillis >= 0) {
            // The transfer of the response body counts as capture time: a few milliseconds for a screenshot on loopback.
            captures.add(endEpochMillis - serverCaptureMillis, endEpochMillis, success);
        }
        long clamped = Math.max(1, Math.min(Histograms.HIGHEST_TRACKABLE_MILLIS, responseTimeMillis));
        allResponses.recordValue(clamped);
        if (success) {
            successResponses.recordValue(clamped);
        } else if (failureMessage != null) {
            LongAdder counter = failureMessages.get(failureMessage);
            if (counter == null && failureMessages.size() < MAX_FAILURE_KINDS) {
                counter = failureMessages.computeIfAbsent(failureMessage, key -> new LongAdder());
            }
            if (counter != null) {
                counter.increment();
            }
        }
        statusCounts.computeIfAbsent(Integer.toString(httpStatus), key -> new LongAdder()).increment();
        responseBytes.add(Math.max(0, bodyBytes));
    }

    /**
     * Closes the second that started at {@code secondStartEpochMillis}: the responses recorded since the
     * previous call become its sample. Returns the interval histogram of all responses, for the log.
     */
    synchronized Histogram closeSecond(long secondStartEpochMillis) {
        Histogram intervalAll = allResponses.getIntervalHistogram(recycledAll);
        Histogram intervalSuccess = successResponses.getIntervalHistogram(recycledSuccess);
        totalAll.add(intervalAll);
        totalSuccess.add(intervalSuccess);
        long requests = intervalAll.getTotalCount();
        long successes = intervalSuccess.getTotalCount();
        boolean empty = requests == 0;
        seconds.add(new SecondSample(
                secondStartEpochMillis,
                activeUsers.get(),
                requests,
                successes,
                requests - successes,
                empty ? null : intervalAll.getMean(),
                empty ? null : intervalAll.getValueAtPercentile(50),
                empty ? null : intervalAll.getValueAtPercentile(95),
                empty ? null : intervalAll.getValueAtPercentile(99),
                empty ? null : intervalAll.getMaxValue()));
        Histogram logged = intervalAll.copy();
        logged.setStartTimeStamp(secondStartEpochMillis);
        logged.setEndTimeStamp(secondStartEpochMillis + 1000);
        logged.setTag(spec.name());
        recycledAll = intervalAll;
        recycledSuccess = intervalSuccess;
        return logged;
    }

    void markSkipped(String reason) {
        status = ScenarioStatus.SKIPPED;
        skipReason = reason;
    }

    void markAborted(String reason) {
        status = ScenarioStatus.ABORTED;
        skipReason = reason;
    }

    /** Returns what was recorded so far; call {@link #closeSecond} first to include the latest responses. */
    synchronized ScenarioRun snapshot() {
        if (!started()) {
            return ScenarioRun.skipped(spec, skipReason == null ? "the run stopped before this scenario started" : skipReason);
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        statusCounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> statuses.put(entry.getKey(), entry.getValue().sum()));
        Map<String, Long> failures = new LinkedHashMap<>();
        failureMessages.forEach((message, count) -> failures.put(message, count.sum()));
        long ended = lastUserFinishedEpochMillis.get();
        long started = startedAtEpochMillis.get();
        ScenarioStatus finalStatus = status == null ? ScenarioStatus.COMPLETED : status;
        return new ScenarioRun(
                spec,
                finalStatus,
                finalStatus == ScenarioStatus.COMPLETED ? null : skipReason,
                started,
                ended < 0 ? started : ended,
                totalAll.getTotalCount(),
                totalSuccess.getTotalCount(),
                totalAll.getTotalCount() - totalSuccess.getTotalCount(),
                statuses,
                failures,
                responseBytes.sum(),
                Histograms.encode(totalAll),
                Histograms.encode(totalSuccess),
                withCaptureTimes(seconds));
    }

    /**
     * Adds the capture times to the samples. Captures end after the second that saw them start, so they are
     * joined to the samples only when a snapshot is taken. A second closed twice (the sampler and a
     * scenario's close can both name it) gets them once.
     */
    private List<SecondSample> withCaptureTimes(List<SecondSample> samples) {
        if (!captures.available()) {
            return List.copyOf(samples);
        }
        Map<Long, CaptureIntervals.Second> bySecond = captures.perSecond();
        CaptureIntervals.Second none = new CaptureIntervals.Second(0, 0, 0, 0, 0);
        List<SecondSample> result = new ArrayList<>(samples.size());
        Set<Long> joined = new HashSet<>();
        for (SecondSample sample : samples) {
            CaptureIntervals.Second second = joined.add(sample.startEpochMillis())
                    ? bySecond.getOrDefault(sample.startEpochMillis(), none)
                    : none;
            result.add(sample.withCaptureTimes(second.busyMillis(), second.started(), second.startedConcurrency(),
                    second.startedMillis(), second.startedSuccesses()));
        }
        return List.copyOf(result);
    }

}
