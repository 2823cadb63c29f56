package io.shotload.stub.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureResult;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import io.shotload.stub.chromium.cdp.CdpConnection;
import io.shotload.stub.urlpolicy.UrlDecision;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One capture on one page: navigate, wait for {@code load} (at most {@code load_timeout_ms}), stop
 * animations, wait for web fonts if {@code load} fired, settle, measure, screenshot.
 *
 * <p>Every step is an asynchronous DevTools command, so no thread waits on the browser. The job's
 * {@link #result} completes once, with the image or the first failure: a step's error, the deadline
 * timer, a blocked main document or a crash reported by the page or the pool.
 */
final class CaptureJob {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Stops CSS animations and transitions, then, if its argument is true, resolves when web fonts are
     * ready. After a load timeout the fonts are not awaited, because on Chromium 156
     * {@code document.fonts.ready} stays pending until the document has loaded, so the capture would run
     * into {@code hard_deadline_ms}.
     */
    private static final String FREEZE_AND_WAIT_FOR_FONTS = """
            ((waitForFonts) => {
              const style = document.createElement('style');
              style.textContent = '*, *::before, *::after { animation-duration: 0s !important;'
                + ' animation-delay: 0s !important; transition-duration: 0s !important;'
                + ' transition-delay: 0s !important; caret-color: transparent !important;'
                + ' scroll-behavior: auto !important; }';
              (document.head || document.documentElement).appendChild(style);
              return waitForFonts && document.fonts ? document.fonts.ready.then(() => true) : true;
            })(%s)
            """;

    /**
     * Resolves once the page has drawn a frame. Animation frames run only while a page is visible, so
     * this proves that a tab brought to the front is drawing again before its screenshot is requested.
     */
    private static final String AFTER_NEXT_FRAME =
            "new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))";

    /** Returns the document box of the first match, {missing: true}, or {invalid: message}. */
    private static final String ELEMENT_BOX = """
            ((selector) => {
              let element;
              try { element = document.querySelector(selector); }
              catch (error) { return { invalid: String(error.message) }; }
              if (!element) return { missing: true };
              const box = element.getBoundingClientRect();
              return { x: box.left + window.scrollX, y: box.top + window.scrollY,
                       width: box.width, height: box.height };
            })(%s)
            """;

    final CaptureRequest request;
    final CompletableFuture<CaptureResult> result = new CompletableFuture<>();
    private final ChromiumConfig config;
    private final Executor settleDelay;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile long startNanos = System.nanoTime();
    private volatile PageSession page;
    private volatile CdpConnection cdp;
    private volatile boolean navigationCommitted;
    /** True once the page fired {@code load}; false when the capture went ahead after {@code load_timeout_ms}. */
    private volatile boolean loadFired;
    private volatile UrlDecision mainDocumentBlock;
    /** The step the capture is in now, named in the message of a capture stopped at its deadline. */
    private volatile String step = "waiting for a browser page";

    CaptureJob(CaptureRequest request, ChromiumConfig config) {
        this.request = request;
        this.config = config;
        this.settleDelay = CompletableFuture.delayedExecutor(config.settleMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the capture on a page that has its guards installed; {@link #result} completes when it
     * ends. The capture time reported to the client starts here, after any wait for a browser.
     */
    void start(PageSession pageSession) {
        this.page = pageSession;
        this.cdp = pageSession.browser.cdp;
        this.startNanos = System.nanoTime();
        String session = page.sessionId;
        step = "setting the viewport";
        cdp.send(session, "Emulation.setDeviceMetricsOverride", Map.of(
                        "width", request.widthPixels(),
                        "height", request.heightPixels(),
                        "deviceScaleFactor", 1,
                        "mobile", false))
                .thenCompose(ignored -> {
                    step = "navigating";
                    return cdp.send(session, "Page.navigate", Map.of("url", request.url().toString()));
                })
                .thenCompose(this::afterNavigate)
                .thenCompose(ignored -> {
                    step = loadFired ? "stopping animations and waiting for web fonts" : "stopping animations";
                    return cdp.send(session, "Runtime.evaluate", Map.of(
                            "expression", FREEZE_AND_WAIT_FOR_FONTS.formatted(loadFired),
                            "awaitPromise", true,
                            "returnByValue", true));
                })
                .thenApply(ignored -> {
                    step = "settling";
                    return ignored;
                })
                .thenComposeAsync(ignored -> {
                    step = "measuring the page";
                    return measureClip();
                }, settleDelay)
                .thenCompose(clip -> {
                    step = "taking the screenshot";
                    return screenshot(clip);
                })
                .whenComplete((image, error) -> {
                    if (error != null) {
                        fail(CaptureErrors.toCaptureException(error));
                    } else {
                        result.complete(image);
                    }
                });
    }

    private CompletableFuture<Void> afterNavigate(JsonNode navigation) {
        navigationCommitted = true;
        String errorText = navigation.path("errorText").asText("");
        if (!errorText.isEmpty()) {
            UrlDecision block = mainDocumentBlock;
            if (block != null) {
                throw blocked(block);
            }
            throw new CaptureException(502, CaptureErrors.NAVIGATION_FAILED,
                    "Failed to load " + request.url() + ": " + errorText);
        }
        step = "waiting for the load event";
        // A page that never fires load is captured as it is once load_timeout_ms has passed.
        long loadBudgetMillis = Math.max(0, config.loadTimeoutMillis() - (long) elapsedMillis());
        return loaded.completeOnTimeout(null, loadBudgetMillis, TimeUnit.MILLISECONDS);
    }

    /** Returns the clip for {@code Page.captureScreenshot}, or null for the plain viewport. */
    private CompletableFuture<Map<String, Object>> measureClip() {
        if (request.type() == CaptureType.VIEWPORT) {
            return CompletableFuture.completedFuture(null);
        }
        if (request.type() == CaptureType.FULL_PAGE) {
            return cdp.send(page.sessionId, "Page.getLayoutMetrics", Map.of()).thenApply(metrics -> {
                double height = Math.ceil(metrics.path("cssContentSize").path("height").asDouble());
                if (height > config.maxFullPageHeightPixels()) {
                    throw new CaptureException(422, CaptureErrors.PAGE_TOO_TALL, "The page is " + (long) height
                            + " px tall; chromium.max_full_page_height_px is " + config.maxFullPageHeightPixels()
                            + ". Capture the viewport or an element instead.");
                }
                return clip(0, 0, request.widthPixels(), Math.max(1, height));
            });
        }
        String selectorLiteral;
        try {
            selectorLiteral = JSON.writeValueAsString(request.selector());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cdp.send(page.sessionId, "Runtime.evaluate", Map.of(
                        "expression", ELEMENT_BOX.formatted(selectorLiteral),
                        "returnByValue", true))
                .thenApply(evaluated -> {
                    JsonNode box = evaluated.path("result").path("value");
                    if (box.has("invalid")) {
                        throw new CaptureException(400, CaptureErrors.INVALID_SELECTOR,
                                "Invalid CSS selector \"" + request.selector() + "\": " + box.get("invalid").asText());
                    }
                    if (box.has("missing") || !box.has("width")) {
                        throw new CaptureException(422, CaptureErrors.ELEMENT_NOT_FOUND,
                                "No element matches the selector \"" + request.selector() + "\".");
                    }
                    double width = box.get("width").asDouble();
                    double height = box.get("height").asDouble();
                    if (width < 1 || height < 1) {
                        throw new CaptureException(422, CaptureErrors.ELEMENT_NOT_VISIBLE, "The element matching \""
                                + request.selector() + "\" has no area (" + width + " x " + height + " px).");
                    }
                    if (height > config.maxFullPageHeightPixels()) {
                        throw new CaptureException(422, CaptureErrors.PAGE_TOO_TALL, "The element is " + (long) height
                                + " px tall; chromium.max_full_page_height_px is " + config.maxFullPageHeightPixels()
                                + ".");
                    }
                    return clip(box.get("x").asDouble(), box.get("y").asDouble(), width, height);
                });
    }

    private Map<String, Object> clip(double x, double y, double width, double height) {
        double area = width * height;
        if (area > config.maxPixelArea()) {
            throw new CaptureException(422, CaptureErrors.CAPTURE_TOO_LARGE, "The capture would be "
                    + (long) width + " x " + (long) height + " px; chromium.max_pixel_area is " + config.maxPixelArea()
                    + ".");
        }
        return Map.of("x", x, "y", y, "width", width, "height", height, "scale", 1);
    }

    private CompletableFuture<CaptureResult> screenshot(Map<String, Object> clip) {
        Map<String, Object> params = new HashMap<>();
        params.put("format", request.format() == ImageFormat.JPEG ? "jpeg" : "png");
        if (request.format() == ImageFormat.JPEG) {
            params.put("quality", request.jpegQuality());
        }
        if (clip != null) {
            params.put("clip", clip);
            params.put("captureBeyondViewport", true);
        }
        if (config.optimizeForSpeed()) {
            params.put("optimizeForSpeed", true);
        }
        CompletableFuture<JsonNode> captured;
        if (page.tab) {
            step = "waiting for its tab's turn at the front";
            captured = page.browser.tabTurns.take(() -> {
                step = "bringing its tab to the front";
                return cdp.send(page.sessionId, "Page.bringToFront", Map.of())
                        .thenCompose(ignored -> {
                            step = "waiting for its tab to draw";
                            return cdp.send(page.sessionId, "Runtime.evaluate", Map.of(
                                    "expression", AFTER_NEXT_FRAME,
                                    "awaitPromise", true,
                                    "returnByValue", true));
                        })
                        .thenCompose(ignored -> {
                            step = "taking the screenshot";
                            return cdp.send(page.sessionId, "Page.captureScreenshot", params);
                        });
            }, result);
        } else {
            captured = cdp.send(page.sessionId, "Page.captureScreenshot", params);
        }
        return captured.thenApply(screenshot -> {
            byte[] image = Base64.getDecoder().decode(screenshot.path("data").asText());
            int[] size = ImageDimensions.read(image);
            return new CaptureResult(image, request.format(), size[0], size[1], elapsedMillis());
        });
    }

    void onLoadEvent() {
        // Load events that arrive before Page.navigate returns belong to the previous document.
        if (navigationCommitted) {
            loadFired = true;
            loaded.complete(null);
        }
    }

    void onMainDocumentBlocked(UrlDecision decision) {
        mainDocumentBlock = decision;
        // A redirect that the policy stops after the commit would leave the old document; fail now.
        if (navigationCommitted) {
            fail(blocked(decision));
        }
    }

    void onRendererCrashed() {
        fail(new CaptureException(502, CaptureErrors.RENDERER_CRASHED,
                "The page's renderer process crashed while capturing " + request.url() + "."));
    }

    /** Completes the job with {@code error} unless it already ended. */
    void fail(CaptureException error) {
        result.completeExceptionally(error);
    }

    /** Returns what the capture is waiting for now, such as "navigating" or "taking the screenshot". */
    String step() {
        return step;
    }

    double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static CaptureException blocked(UrlDecision decision) {
        return new CaptureException(403, CaptureErrors.BLOCKED_URL, "Blocked by the URL policy ("
                + decision.reason().label() + "): " + decision.message() + ".");
    }
}
