package io.shotload.stub.chromium;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.capture.CaptureBackend;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.egress.EgressProxy;
import io.shotload.stub.egress.OutboundConnector;
import io.shotload.stub.urlpolicy.UrlDecision;
import io.shotload.stub.urlpolicy.UrlPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-browser {@link CaptureBackend}: Debian's Chromium driven over the Chrome DevTools Protocol.
 *
 * <p>A capture runs in a fresh browser context by default ({@code isolation: context}), so no cookie,
 * cache or storage survives it; {@code reused_page} keeps set-up pages for speed and is for trusted
 * workloads only. The URL policy is checked before a browser is involved, and again by each page for
 * every request it makes. Chromium also starts behind the backend's {@link EgressProxy}, which takes
 * every connection except those to allowed origins. So the policy also decides what the DevTools Fetch
 * domain does not see, such as WebSockets, and the proxy connects only to the addresses it checked.
 *
 * <p>{@link #capture} never blocks: it schedules the deadline timer and hands the work to the
 * backend's threads. {@link #close} kills every browser process tree and is also run by a JVM shutdown
 * hook, so SIGTERM leaves no Chromium behind.
 */
public final class ChromiumBackend implements CaptureBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumBackend.class);

    private final ChromiumConfig config;
    private final UrlPolicy policy;
    private final Clock clock;
    private final ChromiumMetrics metrics;
    private final EgressProxy egressProxy;
    private final BrowserPool pool;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService admission;
    private final ExecutorService blockingExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    /**
     * Creates the backend; browsers start on the first captures.
     *
     * @throws IllegalStateException if Chromium is not installed at {@code config.executablePath()}, or
     *     the egress proxy cannot listen on 127.0.0.1
     */
    public ChromiumBackend(ChromiumConfig config, BrowserPoolLimits limits, UrlPolicy policy) {
        this(config, limits, policy, Clock.systemUTC(), OutboundConnector.direct());
    }

    /**
     * @param connector opens the egress proxy's outbound connections; tests pass one that connects to
     *     loopback only
     */
    ChromiumBackend(ChromiumConfig config, BrowserPoolLimits limits, UrlPolicy policy, Clock clock,
            OutboundConnector connector) {
        ChromiumProcess.requireExecutable(config.executablePath());
        this.config = config;
        this.policy = policy;
        this.clock = clock;
        this.metrics = new ChromiumMetrics();
        this.egressProxy = EgressProxy.start(policy, metrics::recordBlocked, connector);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("chromium-timer"));
        this.admission = Executors.newCachedThreadPool(daemonThreads("chromium-admission"));
        this.blockingExecutor = Executors.newCachedThreadPool(daemonThreads("chromium-launcher"));
        this.pool = new BrowserPool(config, limits, launchArgs(policy, egressProxy.port()), metrics,
                blockingExecutor, scheduler, clock);
        this.shutdownHook = new Thread(this::close, "chromium-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Chromium backend ready: {}, isolation {}, {} pages per browser, up to {} browsers",
                config.executablePath(), config.isolation(), config.pagesPerBrowser(), limits.maxPoolSize());
    }

    /**
     * Returns the flags that send every connection except those to allowed origins through the egress
     * proxy. Allowed origins are trusted whatever they resolve to, so their traffic, such as the fixture
     * site of a benchmark, goes direct instead of through a relay.
     */
    private static List<String> launchArgs(UrlPolicy policy, int egressProxyPort) {
        List<String> bypassRules = new ArrayList<>();
        // <-loopback> removes Chromium's implicit bypass of loopback, so only the listed origins go direct.
        // Rules apply in order, and it must come first: placed after the origins it also cancels them.
        bypassRules.add("<-loopback>");
        bypassRules.addAll(policy.allowedOriginHostPorts());
        return List.of(
                "--proxy-server=socks5://127.0.0.1:" + egressProxyPort,
                "--proxy-bypass-list=" + String.join(";", bypassRules));
    }

    @Override
    public CompletableFuture<CaptureResult> capture(CaptureRequest request, Instant deadline) {
        CaptureJob job = new CaptureJob(request, config);
        long untilDeadlineMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        long budgetMillis = Math.min(config.hardDeadlineMillis(), untilDeadlineMillis);
        boolean requestDeadlineFirst = untilDeadlineMillis < config.hardDeadlineMillis();
        try {
            if (closed.get()) {
                throw new RejectedExecutionException("closed");
            }
            ScheduledFuture<?> timer = scheduler.schedule(() -> job.fail(requestDeadlineFirst
                    ? CaptureErrors.requestDeadline(job.step())
                    : CaptureErrors.timeout(budgetMillis, job.step())), budgetMillis, TimeUnit.MILLISECONDS);
            job.result.whenComplete((image, error) -> timer.cancel(false));
            admission.execute(() -> admit(job));
        } catch (RejectedExecutionException e) {
            job.fail(new CaptureException(503, CaptureErrors.BROWSER_UNAVAILABLE,
                    "The chromium backend is closed."));
        }
        return job.result.copy();
    }

    /** Checks the request, then waits for a page slot; runs on an admission thread because DNS may block. */
    private void admit(CaptureJob job) {
        CaptureRequest request = job.request;
        UrlDecision decision = policy.checkNavigation(request.url().toString());
        if (!decision.allowed()) {
            metrics.recordBlocked(decision.reason());
            LOG.debug("Request {} blocked: {}", request.requestId(), decision.message());
            job.fail(new CaptureException(403, CaptureErrors.BLOCKED_URL, "Blocked by the URL policy ("
                    + decision.reason().label() + "): " + decision.message() + "."));
            return;
        }
        long viewportArea = (long) request.widthPixels() * request.heightPixels();
        if (request.type() == CaptureType.VIEWPORT && viewportArea > config.maxPixelArea()) {
            job.fail(new CaptureException(422, CaptureErrors.CAPTURE_TOO_LARGE, "The capture would be "
                    + request.widthPixels() + " x " + request.heightPixels() + " px; chromium.max_pixel_area is "
                    + config.maxPixelArea() + "."));
            return;
        }
        pool.acquire(job).whenComplete((browser, error) -> {
            if (error != null) {
                job.fail(CaptureErrors.toCaptureException(error));
            } else {
                runOn(browser, job);
            }
        });
    }

    private void runOn(Browser browser, CaptureJob job) {
        if (job.result.isDone()) {
            finish(browser, job, null, false);
            return;
        }
        openPage(browser).whenComplete((page, error) -> {
            if (error != null) {
                job.fail(CaptureErrors.toCaptureException(error));
                finish(browser, job, null, false);
                return;
            }
            if (job.result.isDone()) {
                finish(browser, job, page, false);
                return;
            }
            page.currentJob = job;
            job.start(page);
            job.result.whenComplete((image, captureError) -> finish(browser, job, page, captureError == null));
        });
    }

    private CompletableFuture<PageSession> openPage(Browser browser) {
        if (config.isolation() == ChromiumConfig.Isolation.REUSED_PAGE) {
            PageSession idle;
            synchronized (browser.idlePages) {
                idle = browser.idlePages.pollFirst();
            }
            return idle != null ? CompletableFuture.completedFuture(idle)
                    : PageSession.open(browser, null, config.windowPerPage(), policy, metrics);
        }
        return browser.cdp.send("Target.createBrowserContext", Map.of()).thenCompose(created -> {
            String contextId = created.path("browserContextId").asText();
            return PageSession.open(browser, contextId, config.windowPerPage(), policy, metrics).exceptionallyCompose(error ->
                    browser.cdp.send("Target.disposeBrowserContext", Map.of("browserContextId", contextId))
                            .handle((ignored, disposeError) -> {
                                throw CaptureErrors.toCaptureException(error);
                            }));
        });
    }

    /** Disposes or parks the page, then gives the slot back to the pool. */
    private void finish(Browser browser, CaptureJob job, PageSession page, boolean succeeded) {
        browser.runningJobs.remove(job);
        CompletableFuture<?> cleanup = CompletableFuture.completedFuture(null);
        if (page != null) {
            page.currentJob = null;
            if (config.isolation() == ChromiumConfig.Isolation.CONTEXT) {
                page.forgetHandlers();
                cleanup = browser.cdp.send("Target.disposeBrowserContext",
                        Map.of("browserContextId", page.browserContextId));
            } else if (succeeded) {
                // Leave the last site so its timers and long polls stop using CPU.
                cleanup = browser.cdp.send(page.sessionId, "Page.navigate", Map.of("url", "about:blank"))
                        .thenRun(() -> {
                            synchronized (browser.idlePages) {
                                browser.idlePages.addLast(page);
                            }
                        });
            } else {
                page.forgetHandlers();
                cleanup = browser.cdp.send("Target.closeTarget", Map.of("targetId", page.targetId));
            }
        }
        cleanup.whenComplete((ignored, error) -> {
            if (error != null && !browser.cdp.isClosed()) {
                LOG.debug("{}: cleanup after request {} failed: {}", browser.name, job.request.requestId(),
                        error.toString());
            }
            pool.release(browser);
        });
    }

    @Override
    public void registerMetrics(PrometheusRegistry registry) {
        metrics.register(registry, pool::size, pool::pssBytes);
    }

    @Override
    public String name() {
        return "chromium";
    }

    /** Returns the process ids of the running browsers. */
    public List<Long> browserPids() {
        return pool.browserPids();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Closing the chromium backend");
        pool.close();
        egressProxy.close();
        scheduler.shutdownNow();
        admission.shutdownNow();
        blockingExecutor.shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // Called from the hook itself.
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
