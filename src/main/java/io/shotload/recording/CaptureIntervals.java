package io.shotload.recording;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The time spans of one scenario's captures inside the target, and what they add up to per wall-clock
 * second.
 *
 * <p>A span is known only once its response arrives, so spans are kept until a snapshot, which sweeps
 * over all of them at once. Besides the capture time in progress (the integral over the second of the
 * number of captures running), the sweep counts, for every capture, the captures running when it started,
 * itself included. That is the concurrency the capture met on arrival, which the target's capture time
 * depends on, and unlike the time average it does not fall with the load generator's gaps between a
 * response and the next request.
 *
 * <p>Each span costs 17 bytes. A scenario keeps at most {@value #MAX_SPANS} spans, enough for a day at
 * 100 captures per second; past that the per-second figures are not computed.
 */
final class CaptureIntervals {

    static final int MAX_SPANS = 10_000_000;

    private static final long MILLIS_PER_SECOND = 1000;

    private double[] starts = new double[256];
    private double[] ends = new double[256];
    private boolean[] successes = new boolean[256];
    private int size;
    private boolean overflowed;

    /**
     * Capture figures of one second.
     *
     * @param busyMillis capture time in progress during the second
     * @param started the captures that started in the second
     * @param startedConcurrency for the captures that started in the second, the summed number of captures
     *     running when each started, itself included
     * @param startedMillis the summed durations of the captures that started in the second
     * @param startedSuccesses how many of them succeeded
     */
    record Second(double busyMillis, long started, double startedConcurrency, double startedMillis,
            long startedSuccesses) {}

    /**
     * Adds the capture that ran from {@code startEpochMillis} to {@code endEpochMillis}. A span of no length,
     * such as a request that the target rejected without capturing, is left out.
     */
    synchronized void add(double startEpochMillis, double endEpochMillis, boolean success) {
        if (!(endEpochMillis > startEpochMillis)) {
            return;
        }
        if (size == MAX_SPANS) {
            overflowed = true;
            return;
        }
        if (size == starts.length) {
            int capacity = Math.min(MAX_SPANS, size * 2);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            successes = Arrays.copyOf(successes, capacity);
        }
        starts[size] = startEpochMillis;
        ends[size] = endEpochMillis;
        successes[size] = success;
        size++;
    }

    /** Returns whether any capture was added and the figures can be computed. */
    synchronized boolean available() {
        return size > 0 && !overflowed;
    }

    /** Sums the captures per second, keyed by the second's start in epoch milliseconds. */
    synchronized Map<Long, Second> perSecond() {
        Map<Long, SecondSums> sums = new HashMap<>();
        for (int index = 0; index < size; index++) {
            SecondSums started = sums.computeIfAbsent(secondOf(starts[index]), second -> new SecondSums());
            started.started++;
            started.startedMillis += ends[index] - starts[index];
            if (successes[index]) {
                started.startedSuccesses++;
            }
        }
        sweep(sums);
        Map<Long, Second> result = new HashMap<>();
        sums.forEach((second, values) -> result.put(second, new Second(values.busyMillis, values.started,
                values.startedConcurrency, values.startedMillis, values.startedSuccesses)));
        return result;
    }

    /** The running sums of one second while the figures are computed. */
    private static final class SecondSums {
        double busyMillis;
        long started;
        double startedConcurrency;
        double startedMillis;
        long startedSuccesses;
    }

    /**
     * Adds the capture time in progress and the concurrency met by each start per second, walking the starts
     * and ends in time order. A capture that ends at the moment another starts is not counted as running.
     */
    private void sweep(Map<Long, SecondSums> sums) {
        double[] sortedStarts = Arrays.copyOf(starts, size);
        double[] sortedEnds = Arrays.copyOf(ends, size);
        Arrays.sort(sortedStarts);
        Arrays.sort(sortedEnds);
        int nextStart = 0;
        int nextEnd = 0;
        int running = 0;
        double time = size == 0 ? 0 : sortedStarts[0];
        while (nextEnd < size) {
            boolean startsFirst = nextStart < size && sortedStarts[nextStart] < sortedEnds[nextEnd];
            double next = startsFirst ? sortedStarts[nextStart] : sortedEnds[nextEnd];
            if (running > 0 && next > time) {
                addRunning(sums, time, next, running);
            }
            time = next;
            if (startsFirst) {
                running++;
                sums.computeIfAbsent(secondOf(next), second -> new SecondSums()).startedConcurrency += running;
                nextStart++;
            } else {
                running--;
                nextEnd++;
            }
        }
    }

    /** Adds {@code running} captures over {@code [from, to)}, split at second boundaries. */
    private static void addRunning(Map<Long, SecondSums> sums, double from, double to, int running) {
        double at = from;
        while (at < to) {
            long second = secondOf(at);
            double until = Math.min(to, second + MILLIS_PER_SECOND);
            sums.computeIfAbsent(second, key -> new SecondSums()).busyMillis += running * (until - at);
            at = until;
        }
    }

    private static long secondOf(double epochMillis) {
        long millis = (long) Math.floor(epochMillis);
        return millis - Math.floorMod(millis, MILLIS_PER_SECOND);
    }
}
