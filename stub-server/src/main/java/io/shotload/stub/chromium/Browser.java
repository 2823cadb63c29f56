package io.shotload.stub.chromium;

import io.shotload.stub.chromium.cdp.CdpConnection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running Chromium in the pool: its process tree, its DevTools connection and its bookkeeping.
 * Fields marked "guarded by the pool" change only while holding the {@link BrowserPool}'s lock.
 */
final class Browser {

    /** Life cycle: ACTIVE takes captures; DRAINING finishes its running ones; then CLOSED. */
    enum State { ACTIVE, DRAINING, CLOSED }

    final int id;
    final String name;
    final ChromiumProcess process;
    final CdpConnection cdp;
    final Instant launchedAt;

    /** Captures running now; guarded by the pool. */
    int activeCaptures;
    /** Captures ever started here, for the recycle rule; guarded by the pool. */
    int capturesStarted;
    /** Guarded by the pool. */
    State state = State.ACTIVE;
    /** Reason this browser drains; null while ACTIVE. Guarded by the pool. */
    ChromiumMetrics.RecycleReason drainReason;

    /** Last measured PSS of the process tree, in bytes. */
    volatile long pssBytes;
    /** Whether {@link #pssBytes} has been measured; touched by the pool's monitor only. */
    boolean memoryMeasured;

    /** Jobs running on this browser, failed together when it crashes. */
    final Set<CaptureJob> runningJobs = ConcurrentHashMap.newKeySet();

    /** Turns at the front for the screenshots of pages opened as tabs of this browser's window. */
    final TabTurns tabTurns = new TabTurns();

    /** Set up pages kept for the next capture in {@code reused_page} mode; guarded by itself. */
    final Deque<PageSession> idlePages = new ArrayDeque<>();

    Browser(int id, ChromiumProcess process, CdpConnection cdp, Instant launchedAt) {
        this.id = id;
        this.name = "browser-" + id;
        this.process = process;
        this.cdp = cdp;
        this.launchedAt = launchedAt;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
