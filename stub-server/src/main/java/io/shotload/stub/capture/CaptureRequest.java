package io.shotload.stub.capture;

import java.net.URI;
import java.util.Objects;

/**
 * A validated screenshot request, as the HTTP layer hands it to a {@link CaptureBackend}.
 *
 * @param requestId the {@code X-Request-Id} sent back with the response
 * @param url the page to capture, http or https only
 * @param type what part of the page to capture
 * @param selector the CSS selector of the element to capture; non-null only for {@link CaptureType#ELEMENT}
 * @param format the image encoding
 * @param jpegQuality JPEG quality 1..100, ignored for PNG
 * @param widthPixels viewport width, 1..10000
 * @param heightPixels viewport height, 1..10000
 */
public record CaptureRequest(
        String requestId,
        URI url,
        CaptureType type,
        String selector,
        ImageFormat format,
        int jpegQuality,
        int widthPixels,
        int heightPixels) {

    public static final int DEFAULT_WIDTH_PIXELS = 1280;
    public static final int DEFAULT_HEIGHT_PIXELS = 720;
    public static final int DEFAULT_JPEG_QUALITY = 80;
    public static final int MAX_DIMENSION_PIXELS = 10_000;

    public CaptureRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        if (type == CaptureType.ELEMENT && (selector == null || selector.isBlank())) {
            throw new IllegalArgumentException("an element capture needs a selector");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality = " + jpegQuality + "; expected 1..100");
        }
        if (widthPixels < 1 || widthPixels > MAX_DIMENSION_PIXELS) {
            throw new IllegalArgumentException("widthPixels = " + widthPixels + "; expected 1.." + MAX_DIMENSION_PIXELS);
        }
        if (heightPixels < 1 || heightPixels > MAX_DIMENSION_PIXELS) {
            throw new IllegalArgumentException("heightPixels = " + heightPixels + "; expected 1.." + MAX_DIMENSION_PIXELS);
        }
    }
}
