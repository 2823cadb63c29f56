package io.shotload.stub.config;

import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.util.List;

/**
 * Descriptors of the {@code chromium} and {@code url_policy} sections, which bind to
 * {@link ChromiumConfig} and {@link UrlPolicyConfig}. The defaults are read from those records. The
 * ranges repeat the checks in their constructors, and {@code ChromiumSectionsTest} keeps the two equal.
 */
public final class ChromiumSections {

    public static final String CHROMIUM = "chromium";
    public static final String URL_POLICY = "url_policy";

    private static final ChromiumConfig CHROMIUM_DEFAULTS = ChromiumConfig.DEFAULTS;
    private static final UrlPolicyConfig URL_POLICY_DEFAULTS = UrlPolicyConfig.DEFAULTS;

    public static final List<BoundField> CHROMIUM_FIELDS = List.of(
            field(CHROMIUM, "executable_path", CHROMIUM_DEFAULTS.executablePath(), "a file path",
                    "Chromium binary the chromium backend starts"),
            field(CHROMIUM, "pages_per_browser", CHROMIUM_DEFAULTS.pagesPerBrowser(), "1..64",
                    "captures running at once in one browser, each in its own page"),
            field(CHROMIUM, "settle_ms", CHROMIUM_DEFAULTS.settleMillis(), "0..60000",
                    "wait after the load event before the capture, in ms; web fonts are awaited separately"),
            field(CHROMIUM, "load_timeout_ms", CHROMIUM_DEFAULTS.loadTimeoutMillis(), "100..600000, below hard_deadline_ms",
                    "longest wait for the load event, in ms; then the page is captured as it is"),
            field(CHROMIUM, "hard_deadline_ms", CHROMIUM_DEFAULTS.hardDeadlineMillis(), "1000..600000",
                    "longest capture from start to image, in ms; a longer one fails with 504"),
            field(CHROMIUM, "isolation", "context", "context or reused_page",
                    "context: a fresh browser context per capture; reused_page: pages kept and shared, with their cookies and storage (trusted workloads only)"),
            field(CHROMIUM, "max_captures_per_browser", CHROMIUM_DEFAULTS.maxCapturesPerBrowser(), "1..1000000",
                    "captures after which a browser is replaced"),
            field(CHROMIUM, "max_full_page_height_px", CHROMIUM_DEFAULTS.maxFullPageHeightPixels(), "1..100000",
                    "tallest full-page or element capture, in pixels; a taller one fails with 422"),
            field(CHROMIUM, "max_pixel_area", CHROMIUM_DEFAULTS.maxPixelArea(), "1..1000000000",
                    "largest width x height of a capture, in pixels; a larger one fails with 422"),
            field(CHROMIUM, "optimize_for_speed", CHROMIUM_DEFAULTS.optimizeForSpeed(), "true or false",
                    "faster PNG encoding by Page.captureScreenshot, at the cost of larger files"),
            field(CHROMIUM, "window_per_page", CHROMIUM_DEFAULTS.windowPerPage(), "true or false",
                    "true opens each reused_page page in its own window; false opens them as tabs of one window, "
                            + "which take turns at the front for screenshots and are faster"));

    public static final List<BoundField> URL_POLICY_FIELDS = List.of(
            field(URL_POLICY, "allowed_origins", "[]", "a list of http or https origins",
                    "exact origins a page may load, trusted whatever they resolve to; the stub adds its own origin"),
            field(URL_POLICY, "allowed_hosts", "[]", "a list of host names, *.example.com for sub-domains",
                    "hosts a page may load on any http or https port, if their addresses pass the range checks"),
            field(URL_POLICY, "allow_any_host", URL_POLICY_DEFAULTS.allowAnyHost(), "true or false",
                    "allow every host whose addresses pass the range checks"),
            field(URL_POLICY, "allow_loopback", URL_POLICY_DEFAULTS.allowLoopback(), "true or false", "allow 127.0.0.0/8 and ::1"),
            field(URL_POLICY, "allow_private", URL_POLICY_DEFAULTS.allowPrivate(), "true or false",
                    "allow 10/8, 172.16/12, 192.168/16 and fc00::/7"),
            field(URL_POLICY, "allow_link_local", URL_POLICY_DEFAULTS.allowLinkLocal(), "true or false",
                    "allow 169.254/16 and fe80::/10, except metadata addresses"),
            field(URL_POLICY, "allow_cgnat", URL_POLICY_DEFAULTS.allowCgnat(), "true or false",
                    "allow 100.64.0.0/10, except metadata addresses"),
            field(URL_POLICY, "allow_metadata", URL_POLICY_DEFAULTS.allowMetadata(), "true or false",
                    "allow cloud metadata addresses such as 169.254.169.254"),
            field(URL_POLICY, "block_service_workers", URL_POLICY_DEFAULTS.blockServiceWorkers(), "true or false",
                    "stop every service worker a page starts"));

    private ChromiumSections() {
    }

    private static BoundField field(String section, String name, Object defaultValue, String allowed, String description) {
        return new BoundField(section + "." + name, String.valueOf(defaultValue), allowed, description);
    }
}
