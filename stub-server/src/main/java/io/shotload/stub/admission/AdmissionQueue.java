package io.shotload.stub.admission;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Admission of requests to captures: at most {@code maxConcurrent} run at once, and at most
 * {@code maxQueueSize} more wait in arrival order.
 *
 * <p>Invariants, under the monitor of this object: {@code running <= maxConcurrent},
 * {@code waiting.size() <= maxQueueSize}, and {@code waiting} is empty unless all slots are taken. A
 * released slot passes straight to the oldest waiter, so {@code running} does not drop in between and
 * a new arrival cannot overtake the queue. The waiting set is a {@link LinkedHashSet}, so removal at a
 * deadline is O(1) even with a million waiters.
 *
 * <p>Callbacks to {@link Waiter#start()} run outside the monitor.
 */
public final class AdmissionQueue {

    /** A request that may wait for a slot. */
    public interface Waiter {
        /** Starts the capture in the slot now owned by this waiter; must eventually lead to {@link #release()}. */
        void start();
    }

    /** The outcome of {@link #offer}. */
    public enum Admission {
        /** A slot was free: the caller starts the capture now. */
        STARTED,
        /** All slots are taken: the waiter is queued and {@link Waiter#start()} is called when a slot frees. */
        QUEUED,
        /** The queue is full: the caller responds with 429. */
        REJECTED
    }

    private final int maxConcurrent;
    private final int maxQueueSize;
    private final LinkedHashSet<Waiter> waiting = new LinkedHashSet<>();
    private int running;

    public AdmissionQueue(int maxConcurrent, int maxQueueSize) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueueSize = maxQueueSize;
    }

    /** Takes a free slot, queues the waiter, or rejects it; never calls {@link Waiter#start()} itself. */
    public synchronized Admission offer(Waiter waiter) {
        if (running < maxConcurrent && waiting.isEmpty()) {
            running++;
            return Admission.STARTED;
        }
        if (waiting.size() >= maxQueueSize) {
            return Admission.REJECTED;
        }
        waiting.add(waiter);
        return Admission.QUEUED;
    }

    /** Removes a waiter that gave up, such as at its deadline; returns false when it already owns a slot. */
    public synchronized boolean remove(Waiter waiter) {
        return waiting.remove(waiter);
    }

    /** Frees the caller's slot, handing it to the oldest waiter, whose {@link Waiter#start()} runs here. */
    public void release() {
        Waiter next = null;
        synchronized (this) {
            Iterator<Waiter> oldest = waiting.iterator();
            if (oldest.hasNext()) {
                next = oldest.next();
                oldest.remove();
            } else {
                running--;
            }
        }
        if (next != null) {
            next.start();
        }
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queueDepth() {
        return waiting.size();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }
}
