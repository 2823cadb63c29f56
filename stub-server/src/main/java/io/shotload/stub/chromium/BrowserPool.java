package io.shotload.stub.chromium;

import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.chromium.ChromiumMetrics.RecycleReason;
import io.shotload.stub.chromium.cdp.CdpConnection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Up to {@code max_pool_size} Chromium browsers, each running up to {@code pages_per_browser}
 * captures at once.
 *
 * <p>Design: a capture waits in a FIFO queue until a browser has a free page slot; the least busy
 * ACTIVE browser gets it. When every running browser is busy and the pool is below its size, one more
 * browser starts. A browser is recycled (drained, then closed) when it reaches
 * {@code max_captures_per_browser}, {@code max_browser_age_seconds} or
 * {@code memory_limit_mb_per_browser} of PSS, measured every 2 to 30 s depending on what measuring
 * costs (see {@link #memoryCheckDelay}); it takes no new captures
 * while its running ones finish. A browser whose process exits or whose DevTools connection drops
 * without being closed counts as crashed: its running captures fail with 502 and it is removed.
 * Draining browsers count toward the pool size, so the pool never runs more Chromium trees than
 * {@code max_pool_size}. All state changes happen under this object's lock; launching and killing run
 * on {@code blockingExecutor} because they wait on processes.
 */
final class BrowserPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserPool.class);
    /** How often browser age is checked, and how often memory is measured at most. */
    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(2);
    /**
     * Share of one core that measuring memory may take. Reading {@code smaps_rollup} walks the page
     * tables of every Chromium process. With two browsers of about 1 GiB each it took 80 to 180 ms of CPU
     * per pass, which every 2 s cost the full-page benchmark about a tenth of its rate (BENCHMARKS.md).
     */
    static final double MEMORY_CHECK_CPU_SHARE = 0.01;
    /** Maximum time between two memory measurements, so that the memory limit still takes effect. */
    static final Duration MAX_MEMORY_CHECK_INTERVAL = Duration.ofSeconds(30);

    private final ChromiumConfig config;
    private final BrowserPoolLimits limits;
    private final List<String> extraArgs;
    private final ChromiumMetrics metrics;
    private final ExecutorService blockingExecutor;
    private final Clock clock;
    private final AtomicInteger nextId = new AtomicInteger();

    private final List<Browser> browsers = new ArrayList<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int launching;
    private boolean closed;
    /** System.nanoTime() at which memory is next measured; touched by the monitor only. */
    private long nextMemoryCheckNanos = System.nanoTime();

    private record Waiter(CaptureJob job, CompletableFuture<Browser> slot) {
    }

    BrowserPool(ChromiumConfig config, BrowserPoolLimits limits, List<String> extraArgs, ChromiumMetrics metrics,
            ExecutorService blockingExecutor, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.limits = limits;
        this.extraArgs = List.copyOf(extraArgs);
        this.metrics = metrics;
        this.blockingExecutor = blockingExecutor;
        this.clock = clock;
        long intervalMillis = MONITOR_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(this::monitor, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reserves a page slot for {@code job}. The future completes with the browser once a slot is free,
     * or exceptionally with 503 when no browser can be started. A job that ends while it waits (its
     * deadline passed) gives up its place.
     */
    CompletableFuture<Browser> acquire(CaptureJob job) {
        CompletableFuture<Browser> slot = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                slot.completeExceptionally(unavailable("the chromium backend is closed"));
                return slot;
            }
            waiters.addLast(new Waiter(job, slot));
            dispatch();
        }
        return slot;
    }

    /** Gives back the slot of a capture that ended, and recycles the browser if it is due. */
    void release(Browser browser) {
        Browser toClose = null;
        synchronized (this) {
            browser.activeCaptures--;
            if (browser.state == Browser.State.ACTIVE && browser.capturesStarted >= config.maxCapturesPerBrowser()) {
                startDraining(browser, RecycleReason.CAPTURES);
            }
            if (browser.state == Browser.State.DRAINING && browser.activeCaptures == 0 && browsers.remove(browser)) {
                browser.state = Browser.State.CLOSED;
                toClose = browser;
            }
            dispatch();
        }
        if (toClose != null) {
            retire(toClose);
        }
    }

    /** Returns the number of browsers running, starting ones included. */
    synchronized int size() {
        return browsers.size() + launching;
    }

    /** Returns the summed last measured PSS of all running browsers, in bytes. */
    synchronized long pssBytes() {
        return browsers.stream().mapToLong(browser -> browser.pssBytes).sum();
    }

    /** Returns the process ids of the running browsers, for tests and logs. */
    synchronized List<Long> browserPids() {
        return browsers.stream().map(browser -> browser.process.pid()).toList();
    }

    /** Assigns free slots to waiters in FIFO order and starts a browser when all are busy. */
    private void dispatch() {
        while (!waiters.isEmpty()) {
            Waiter waiter = waiters.peekFirst();
            if (waiter.job.result.isDone()) {
                waiters.pollFirst();
                continue;
            }
            Browser browser = leastBusyActiveBrowser();
            boolean allBusy = browser == null || browser.activeCaptures > 0;
            if (allBusy && browsers.size() + launching < limits.maxPoolSize() && launching < waiters.size()) {
                launchBrowser();
            }
            if (browser == null) {
                return;
            }
            waiters.pollFirst();
            browser.activeCaptures++;
            browser.capturesStarted++;
            if (browser.capturesStarted >= config.maxCapturesPerBrowser()) {
                startDraining(browser, RecycleReason.CAPTURES);
            }
            browser.runningJobs.add(waiter.job);
            if (!waiter.slot.complete(browser)) {
                browser.activeCaptures--;
                browser.runningJobs.remove(waiter.job);
            }
        }
    }

    private Browser leastBusyActiveBrowser() {
        Browser best = null;
        for (Browser browser : browsers) {
            boolean free = browser.state == Browser.State.ACTIVE && browser.activeCaptures < config.pagesPerBrowser();
            if (free && (best == null || browser.activeCaptures < best.activeCaptures)) {
                best = browser;
            }
        }
        return best;
    }

    private void launchBrowser() {
        launching++;
        int id = nextId.incrementAndGet();
        blockingExecutor.execute(() -> {
            Browser browser = null;
            Exception failure = null;
            try {
                ChromiumProcess process = ChromiumProcess.launch(config.executablePath(), extraArgs,
                        limits.browserTimeout(), "browser-" + id);
                try {
                    CdpConnection cdp = CdpConnection.open("browser-" + id, process.webSocketUrl(),
                            limits.browserTimeout());
                    browser = new Browser(id, process, cdp, clock.instant());
                } catch (RuntimeException e) {
                    process.kill();
                    throw e;
                }
            } catch (Exception e) {
                failure = e;
            }
            onLaunched(browser, failure);
        });
    }

    private void onLaunched(Browser browser, Exception failure) {
        boolean killNow;
        synchronized (this) {
            if (failure != null) {
                launching--;
                notifyAll();
                LOG.warn("Failed to start Chromium: {}", failure.getMessage());
                if (browsers.isEmpty() && launching == 0) {
                    // Nothing will free a slot, so the waiters fail rather than wait for their deadline.
                    for (Waiter waiter : waiters) {
                        waiter.slot.completeExceptionally(unavailable(failure.getMessage()));
                    }
                    waiters.clear();
                }
                return;
            }
            killNow = closed;
            if (!killNow) {
                launching--;
                browsers.add(browser);
                metrics.browsersLaunched.inc();
                LOG.info("Started {} ({} running)", browser, browsers.size());
            }
        }
        if (killNow) {
            // close() ran during the launch and waits for this kill before it returns.
            browser.state = Browser.State.CLOSED;
            browser.cdp.close();
            browser.process.kill();
            synchronized (this) {
                launching--;
                notifyAll();
            }
            return;
        }
        browser.process.onExit().thenRun(() -> onBrowserDied(browser, "the process exited"));
        browser.cdp.onClose(cause -> onBrowserDied(browser, cause.getMessage()));
        browser.process.processTree();
        synchronized (this) {
            dispatch();
        }
    }

    /** Handles a browser that went away without being asked: fails its captures, cleans up, replaces it. */
    private void onBrowserDied(Browser browser, String cause) {
        synchronized (this) {
            if (browser.state == Browser.State.CLOSED) {
                return;
            }
            browser.state = Browser.State.CLOSED;
            browsers.remove(browser);
            metrics.browsersCrashed.inc();
        }
        LOG.warn("{} crashed ({}); failing its {} running captures and replacing it", browser, cause,
                browser.runningJobs.size());
        CaptureException crashed = new CaptureException(502, CaptureErrors.BROWSER_CRASHED,
                "The browser running this capture exited (" + cause + "); retry the request.");
        for (CaptureJob job : List.copyOf(browser.runningJobs)) {
            job.fail(crashed);
        }
        retire(browser);
        synchronized (this) {
            dispatch();
        }
    }

    private void startDraining(Browser browser, RecycleReason reason) {
        browser.state = Browser.State.DRAINING;
        browser.drainReason = reason;
        LOG.info("Recycling {} ({}): {} captures, age {} s, PSS {} MiB", browser, reason.label,
                browser.capturesStarted, Duration.between(browser.launchedAt, clock.instant()).toSeconds(),
                browser.pssBytes / (1024 * 1024));
    }

    /** Closes a browser that was taken out of the pool, counting it as recycled when it drained. */
    private void retire(Browser browser) {
        if (browser.drainReason != null) {
            metrics.recordRecycled(browser.drainReason);
        }
        blockingExecutor.execute(() -> {
            browser.cdp.close();
            browser.process.kill();
        });
    }

    /**
     * Measures the PSS of every browser when a pass is due, and otherwise of new browsers only. The wait
     * until the next pass grows with the CPU this one took (see {@link #memoryCheckDelay}).
     */
    private void measureMemory(List<Browser> snapshot) {
        long now = System.nanoTime();
        boolean due = now - nextMemoryCheckNanos >= 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        for (Browser browser : snapshot) {
            if (due || !browser.memoryMeasured) {
                browser.pssBytes = ProcessMemory.pssBytes(browser.process.processTree());
                browser.memoryMeasured = true;
            }
        }
        if (due) {
            long cpuAfter = threads.getCurrentThreadCpuTime();
            // A JVM without thread CPU time (-1) is charged the pass's wall time instead.
            long passNanos = cpuBefore < 0 || cpuAfter < 0 ? System.nanoTime() - now : cpuAfter - cpuBefore;
            nextMemoryCheckNanos = now + memoryCheckDelay(Duration.ofNanos(passNanos)).toNanos();
        }
    }

    /**
     * Returns how long to wait after a memory pass that took {@code passCpu}, so that measuring takes at
     * most {@link #MEMORY_CHECK_CPU_SHARE} of one core: between {@link #MONITOR_INTERVAL} and
     * {@link #MAX_MEMORY_CHECK_INTERVAL}.
     */
    static Duration memoryCheckDelay(Duration passCpu) {
        Duration budgeted = Duration.ofNanos((long) (passCpu.toNanos() / MEMORY_CHECK_CPU_SHARE));
        if (budgeted.compareTo(MONITOR_INTERVAL) < 0) {
            return MONITOR_INTERVAL;
        }
        return budgeted.compareTo(MAX_MEMORY_CHECK_INTERVAL) > 0 ? MAX_MEMORY_CHECK_INTERVAL : budgeted;
    }

    /** Checks memory and age of every browser; drains the ones over a limit. */
    private void monitor() {
        try {
            List<Browser> snapshot;
            synchronized (this) {
                snapshot = List.copyOf(browsers);
            }
            measureMemory(snapshot);
            List<Browser> toClose = new ArrayList<>();
            synchronized (this) {
                Instant now = clock.instant();
                for (Browser browser : browsers) {
                    if (browser.state != Browser.State.ACTIVE) {
                        continue;
                    }
                    if (browser.pssBytes > limits.memoryLimitBytesPerBrowser()) {
                        startDraining(browser, RecycleReason.MEMORY);
                    } else if (Duration.between(browser.launchedAt, now).compareTo(limits.maxBrowserAge()) > 0) {
                        startDraining(browser, RecycleReason.AGE);
                    }
                }
                for (Browser browser : List.copyOf(browsers)) {
                    if (browser.state == Browser.State.DRAINING && browser.activeCaptures == 0) {
                        browsers.remove(browser);
                        browser.state = Browser.State.CLOSED;
                        toClose.add(browser);
                    }
                }
                dispatch();
            }
            toClose.forEach(this::retire);
        } catch (RuntimeException e) {
            LOG.warn("Browser monitor failed: {}", e.toString(), e);
        }
    }

    /** Fails waiting captures and kills every browser; waits for the kills to finish. */
    @Override
    public void close() {
        List<Browser> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Waiter waiter : waiters) {
                waiter.slot.completeExceptionally(unavailable("the chromium backend is closing"));
            }
            waiters.clear();
            toClose = List.copyOf(browsers);
            browsers.clear();
            toClose.forEach(browser -> browser.state = Browser.State.CLOSED);
        }
        CaptureException closing = unavailable("the chromium backend is closing");
        for (Browser browser : toClose) {
            for (CaptureJob job : List.copyOf(browser.runningJobs)) {
                job.fail(closing);
            }
            browser.cdp.close();
            browser.process.kill();
        }
        awaitLaunches();
    }

    /** Waits until browsers still starting have been killed by their launch threads. */
    private synchronized void awaitLaunches() {
        long waitUntil = System.nanoTime() + limits.browserTimeout().plusSeconds(5).toNanos();
        while (launching > 0) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(waitUntil - System.nanoTime());
            if (remainingMillis <= 0) {
                LOG.warn("{} browsers were still starting when the pool closed", launching);
                return;
            }
            try {
                wait(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static CaptureException unavailable(String detail) {
        return new CaptureException(503, CaptureErrors.BROWSER_UNAVAILABLE, "No browser is available: " + detail
                + ".");
    }
}
