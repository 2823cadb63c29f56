package io.shotload.stub.capture;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Encoding of a captured image. */
public enum ImageFormat {
    PNG("png", "image/png"),
    JPEG("jpeg", "image/jpeg");

    private final String wireName;
    private final String contentType;

    ImageFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns the HTTP {@code Content-Type} of images in this format. */
    public String contentType() {
        return contentType;
    }

    /** Parses a wire name, case-insensitively; {@code jpg} is accepted for JPEG. */
    public static Optional<ImageFormat> fromWireName(String name) {
        if ("jpg".equalsIgnoreCase(name)) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(format -> format.wireName.equalsIgnoreCase(name)).findFirst();
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(ImageFormat::wireName).collect(Collectors.joining(", "));
    }
}
