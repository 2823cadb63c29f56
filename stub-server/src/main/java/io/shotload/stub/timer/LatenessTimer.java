package io.shotload.stub.timer;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer behind every delay of the stub: modelled capture times and request deadlines.
 *
 * <p>Design: a single daemon thread runs a {@link ScheduledThreadPoolExecutor}, so a waiting request
 * costs a heap entry, not a thread, and 10,000 requests in flight cost 10,000 entries. Tasks must be
 * short; they complete futures and hand the response to an I/O thread. Cancelled tasks are removed
 * from the heap at once, so deadlines of finished requests do not pile up.
 *
 * <p>Lateness of a task is {@code actual start - scheduled start} in nanoseconds, measured with
 * {@link System#nanoTime()} and recorded in an HdrHistogram {@link Recorder} (3 significant digits,
 * up to one hour). The recorder lets the timer thread record without locks while {@code /metrics} and
 * benchmarks read snapshots.
 */
public final class LatenessTimer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatenessTimer.class);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final ScheduledThreadPoolExecutor executor;
    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram cumulativeNanos = new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final LongAdder latenessSumNanos = new LongAdder();
    private Histogram recycledInterval;

    public LatenessTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on the timer thread after {@code delayNanos}; a negative delay runs it at once. */
    public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        long delay = Math.max(0, delayNanos);
        long scheduledNanos = System.nanoTime() + delay;
        return executor.schedule(() -> runAndRecord(task, scheduledNanos), delay, TimeUnit.NANOSECONDS);
    }

    private void runAndRecord(Runnable task, long scheduledNanos) {
        long latenessNanos = Math.max(0, System.nanoTime() - scheduledNanos);
        recorder.recordValue(Math.min(latenessNanos, HIGHEST_TRACKABLE_NANOS));
        latenessSumNanos.add(latenessNanos);
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Timer task failed; the request it served may stay unanswered until its deadline", e);
        }
    }

    /** Returns a copy of the lateness of every task run since start, in nanoseconds. */
    public synchronized Histogram latenessSnapshotNanos() {
        recycledInterval = recorder.getIntervalHistogram(recycledInterval);
        cumulativeNanos.add(recycledInterval);
        return cumulativeNanos.copy();
    }

    /** Returns the sum of all recorded lateness, in nanoseconds, for the Prometheus summary. */
    public long latenessSumNanos() {
        return latenessSumNanos.sum();
    }

    /** Returns the number of tasks scheduled and not yet run or cancelled. */
    public int pendingTasks() {
        return executor.getQueue().size();
    }

    /** Drops every pending task and stops the timer thread. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
