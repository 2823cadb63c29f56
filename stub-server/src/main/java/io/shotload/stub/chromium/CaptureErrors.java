package io.shotload.stub.chromium;

import io.shotload.stub.capture.CaptureException;
import io.shotload.stub.chromium.cdp.CdpClosedException;
import io.shotload.stub.chromium.cdp.CdpException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The errors the chromium backend returns, as {@link CaptureException}s with a stable {@code errorCode}.
 *
 * <table>
 *   <caption>HTTP status and error code</caption>
 *   <tr><td>400</td><td>invalid_selector</td><td>the CSS selector does not parse</td></tr>
 *   <tr><td>403</td><td>blocked_url</td><td>the URL policy rejected the page or its main document</td></tr>
 *   <tr><td>422</td><td>capture_too_large</td><td>width x height over {@code chromium.max_pixel_area}</td></tr>
 *   <tr><td>422</td><td>page_too_tall</td><td>a full page over {@code chromium.max_full_page_height_px}</td></tr>
 *   <tr><td>422</td><td>element_not_found</td><td>no element matches the selector</td></tr>
 *   <tr><td>422</td><td>element_not_visible</td><td>the element has no area</td></tr>
 *   <tr><td>502</td><td>navigation_failed</td><td>the page did not load (connection refused, DNS, TLS)</td></tr>
 *   <tr><td>502</td><td>browser_crashed</td><td>the browser exited during the capture</td></tr>
 *   <tr><td>502</td><td>renderer_crashed</td><td>the page's renderer process crashed</td></tr>
 *   <tr><td>502</td><td>capture_failed</td><td>a DevTools command failed</td></tr>
 *   <tr><td>503</td><td>browser_unavailable</td><td>no browser could be started, or the backend is closed</td></tr>
 *   <tr><td>504</td><td>timeout</td><td>the request deadline ({@code screenshot_queue.default_timeout}) passed
 *       first, the same response as the server's own deadline timer and the mock backend send</td></tr>
 *   <tr><td>504</td><td>capture_timeout</td><td>{@code chromium.hard_deadline_ms} passed first</td></tr>
 * </table>
 */
final class CaptureErrors {

    static final String BLOCKED_URL = "blocked_url";
    static final String INVALID_SELECTOR = "invalid_selector";
    static final String CAPTURE_TOO_LARGE = "capture_too_large";
    static final String PAGE_TOO_TALL = "page_too_tall";
    static final String ELEMENT_NOT_FOUND = "element_not_found";
    static final String ELEMENT_NOT_VISIBLE = "element_not_visible";
    static final String NAVIGATION_FAILED = "navigation_failed";
    static final String BROWSER_CRASHED = "browser_crashed";
    static final String RENDERER_CRASHED = "renderer_crashed";
    static final String CAPTURE_FAILED = "capture_failed";
    static final String BROWSER_UNAVAILABLE = "browser_unavailable";
    static final String CAPTURE_TIMEOUT = "capture_timeout";
    /** The server's error code for its request deadline, which the client gets whichever timer fires first. */
    static final String REQUEST_TIMEOUT = "timeout";

    private CaptureErrors() {
    }

    /** Maps any failure of a capture chain to the exception the client receives. */
    static CaptureException toCaptureException(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CaptureException captureException) {
            return captureException;
        }
        if (cause instanceof CdpClosedException) {
            return new CaptureException(502, BROWSER_CRASHED,
                    "The browser running this capture exited: " + cause.getMessage(), cause);
        }
        if (cause instanceof CdpException) {
            return new CaptureException(502, CAPTURE_FAILED, "A DevTools command failed: " + cause.getMessage(), cause);
        }
        return new CaptureException(502, CAPTURE_FAILED, "The capture failed: " + cause, cause);
    }

    /** Returns the error of a capture stopped at the request deadline, before its hard deadline. */
    static CaptureException requestDeadline(String step) {
        return new CaptureException(504, REQUEST_TIMEOUT,
                "The capture was aborted at the request deadline while " + step + ".");
    }

    /** Returns the error of a capture stopped at {@code hard_deadline_ms}; {@code step} names the step it was in. */
    static CaptureException timeout(long budgetMillis, String step) {
        return new CaptureException(504, CAPTURE_TIMEOUT,
                "The capture did not finish within its deadline of " + budgetMillis + " ms; it was " + step + ".");
    }
}
