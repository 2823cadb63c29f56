package io.shotload.stub.chromium;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The {@code chromium} section of the stub config: how the real-browser backend drives Chromium.
 * The pool size, browser age, timeouts and memory limit come from {@code browser_pool}
 * ({@link BrowserPoolLimits}).
 *
 * @param executablePath the Chromium binary; Debian's package installs {@code /usr/bin/chromium}
 * @param pagesPerBrowser captures that run at once in one browser, each in its own page
 * @param settleMillis wait after the {@code load} event, for late layout, fonts and canvas drawing
 * @param loadTimeoutMillis longest wait for {@code load}; the capture then goes ahead with what is shown
 * @param hardDeadlineMillis longest a capture may take from start to image; over it the capture fails with 504
 * @param isolation {@code context}: a fresh browser context per capture; {@code reused_page}: pages are kept
 *     and reused, so cookies and storage leak between captures (only for trusted workloads)
 * @param maxCapturesPerBrowser captures after which a browser is replaced
 * @param maxFullPageHeightPixels tallest full-page capture; a taller page fails with 422
 * @param maxPixelArea largest width x height of any capture; a larger one fails with 422
 * @param optimizeForSpeed passes {@code optimizeForSpeed} to {@code Page.captureScreenshot}: faster
 *     encoding at the cost of larger files (measured in BENCHMARKS.md)
 * @param windowPerPage opens each page in its own window; {@code false} (the default) opens the pages of
 *     {@code reused_page} isolation as tabs of one window, which take turns at the front for their
 *     screenshots and were faster in the benchmark. A page in its own browser context ({@code context}
 *     isolation) always gets its own window.
 */
public record ChromiumConfig(
        @JsonProperty("executable_path") String executablePath,
        @JsonProperty("pages_per_browser") int pagesPerBrowser,
        @JsonProperty("settle_ms") int settleMillis,
        @JsonProperty("load_timeout_ms") int loadTimeoutMillis,
        @JsonProperty("hard_deadline_ms") int hardDeadlineMillis,
        @JsonProperty("isolation") Isolation isolation,
        @JsonProperty("max_captures_per_browser") int maxCapturesPerBrowser,
        @JsonProperty("max_full_page_height_px") int maxFullPageHeightPixels,
        @JsonProperty("max_pixel_area") long maxPixelArea,
        @JsonProperty("optimize_for_speed") boolean optimizeForSpeed,
        @JsonProperty("window_per_page") boolean windowPerPage) {

    /** Debian's launcher for the {@code chromium} package. */
    public static final String DEFAULT_EXECUTABLE_PATH = "/usr/bin/chromium";
    /** Captures that share one browser; more than the cores of a small machine so that waits overlap. */
    public static final int DEFAULT_PAGES_PER_BROWSER = 4;
    /**
     * Time for late layout after {@code load}; web fonts are awaited separately. 100 ms was enough for the
     * canvas drawn in a load handler on the fixture site.
     */
    public static final int DEFAULT_SETTLE_MILLIS = 100;
    public static final int DEFAULT_LOAD_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_HARD_DEADLINE_MILLIS = 20_000;
    public static final int DEFAULT_MAX_CAPTURES_PER_BROWSER = 500;
    /**
     * The usual maximum texture size of Chromium's compositor. NOTE: a conventional limit; on Chromium 156 a
     * 16000 px page is captured whole (tested), but heights beyond that were not tried.
     */
    public static final int DEFAULT_MAX_FULL_PAGE_HEIGHT_PIXELS = 16_384;
    /** 1280 x 16384 rounded up: a full-width full page at the maximum height. */
    public static final long DEFAULT_MAX_PIXEL_AREA = 25_000_000L;

    public static final ChromiumConfig DEFAULTS = new ChromiumConfig(DEFAULT_EXECUTABLE_PATH,
            DEFAULT_PAGES_PER_BROWSER, DEFAULT_SETTLE_MILLIS, DEFAULT_LOAD_TIMEOUT_MILLIS,
            DEFAULT_HARD_DEADLINE_MILLIS, Isolation.CONTEXT, DEFAULT_MAX_CAPTURES_PER_BROWSER,
            DEFAULT_MAX_FULL_PAGE_HEIGHT_PIXELS, DEFAULT_MAX_PIXEL_AREA, false, false);

    /** Isolation between captures that share one browser. */
    public enum Isolation {
        @JsonProperty("context")
        CONTEXT,
        @JsonProperty("reused_page")
        REUSED_PAGE
    }

    public ChromiumConfig {
        Objects.requireNonNull(isolation, "isolation");
        if (executablePath == null || executablePath.isBlank()) {
            throw invalid("executable_path", executablePath, "a path such as " + DEFAULT_EXECUTABLE_PATH);
        }
        requireRange("pages_per_browser", pagesPerBrowser, 1, 64);
        requireRange("settle_ms", settleMillis, 0, 60_000);
        requireRange("load_timeout_ms", loadTimeoutMillis, 100, 600_000);
        requireRange("hard_deadline_ms", hardDeadlineMillis, 1_000, 600_000);
        requireRange("max_captures_per_browser", maxCapturesPerBrowser, 1, 1_000_000);
        requireRange("max_full_page_height_px", maxFullPageHeightPixels, 1, 100_000);
        if (maxPixelArea < 1 || maxPixelArea > 1_000_000_000L) {
            throw invalid("max_pixel_area", maxPixelArea, "1..1000000000");
        }
        if (loadTimeoutMillis >= hardDeadlineMillis) {
            throw invalid("load_timeout_ms", loadTimeoutMillis, "less than hard_deadline_ms (" + hardDeadlineMillis
                    + ") so that a page that never fires load is still captured");
        }
    }

    /** Builds the config from JSON; a missing field takes its value from {@link #DEFAULTS}. */
    @JsonCreator
    public static ChromiumConfig fromJson(
            @JsonProperty("executable_path") String executablePath,
            @JsonProperty("pages_per_browser") Integer pagesPerBrowser,
            @JsonProperty("settle_ms") Integer settleMillis,
            @JsonProperty("load_timeout_ms") Integer loadTimeoutMillis,
            @JsonProperty("hard_deadline_ms") Integer hardDeadlineMillis,
            @JsonProperty("isolation") Isolation isolation,
            @JsonProperty("max_captures_per_browser") Integer maxCapturesPerBrowser,
            @JsonProperty("max_full_page_height_px") Integer maxFullPageHeightPixels,
            @JsonProperty("max_pixel_area") Long maxPixelArea,
            @JsonProperty("optimize_for_speed") Boolean optimizeForSpeed,
            @JsonProperty("window_per_page") Boolean windowPerPage) {
        ChromiumConfig defaults = DEFAULTS;
        return new ChromiumConfig(
                executablePath != null ? executablePath : defaults.executablePath(),
                pagesPerBrowser != null ? pagesPerBrowser : defaults.pagesPerBrowser(),
                settleMillis != null ? settleMillis : defaults.settleMillis(),
                loadTimeoutMillis != null ? loadTimeoutMillis : defaults.loadTimeoutMillis(),
                hardDeadlineMillis != null ? hardDeadlineMillis : defaults.hardDeadlineMillis(),
                isolation != null ? isolation : defaults.isolation(),
                maxCapturesPerBrowser != null ? maxCapturesPerBrowser : defaults.maxCapturesPerBrowser(),
                maxFullPageHeightPixels != null ? maxFullPageHeightPixels : defaults.maxFullPageHeightPixels(),
                maxPixelArea != null ? maxPixelArea : defaults.maxPixelArea(),
                optimizeForSpeed != null ? optimizeForSpeed : defaults.optimizeForSpeed(),
                windowPerPage != null ? windowPerPage : defaults.windowPerPage());
    }

    /** Returns a copy with another isolation mode. */
    public ChromiumConfig withIsolation(Isolation newIsolation) {
        return new ChromiumConfig(executablePath, pagesPerBrowser, settleMillis, loadTimeoutMillis,
                hardDeadlineMillis, newIsolation, maxCapturesPerBrowser, maxFullPageHeightPixels, maxPixelArea,
                optimizeForSpeed, windowPerPage);
    }

    /** Returns a copy with {@code optimize_for_speed} set. */
    public ChromiumConfig withOptimizeForSpeed(boolean enabled) {
        return new ChromiumConfig(executablePath, pagesPerBrowser, settleMillis, loadTimeoutMillis,
                hardDeadlineMillis, isolation, maxCapturesPerBrowser, maxFullPageHeightPixels, maxPixelArea, enabled,
                windowPerPage);
    }

    /** Returns a copy with {@code window_per_page} set. */
    public ChromiumConfig withWindowPerPage(boolean enabled) {
        return new ChromiumConfig(executablePath, pagesPerBrowser, settleMillis, loadTimeoutMillis,
                hardDeadlineMillis, isolation, maxCapturesPerBrowser, maxFullPageHeightPixels, maxPixelArea,
                optimizeForSpeed, enabled);
    }

    private static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(field, value, min + ".." + max);
        }
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Invalid stub config: chromium." + field + " = " + value + "; expected "
                + expected + ".");
    }
}
