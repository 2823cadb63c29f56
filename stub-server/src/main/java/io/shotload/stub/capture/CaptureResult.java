package io.shotload.stub.capture;

import java.util.Objects;

/**
 * A finished capture.
 *
 * @param image the encoded image bytes
 * @param format the encoding of {@code image}
 * @param widthPixels the width of the encoded image
 * @param heightPixels the height of the encoded image
 * @param captureMillis time spent capturing, excluding any queue wait, for {@code Server-Timing}
 */
public record CaptureResult(byte[] image, ImageFormat format, int widthPixels, int heightPixels, double captureMillis) {

    public CaptureResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
    }
}
