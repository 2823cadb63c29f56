package io.shotload.stub.capture;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What part of the page a capture covers. */
public enum CaptureType {
    /** The visible viewport, {@code width x height} pixels. */
    VIEWPORT("viewport"),
    /** The whole scrollable page: as wide as the viewport and usually taller. */
    FULL_PAGE("full_page"),
    /** The bounding box of the first element matching a CSS selector. */
    ELEMENT("element");

    private final String wireName;

    CaptureType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used in requests, configs and reports. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, case-insensitively. */
    public static Optional<CaptureType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /** Returns the accepted wire names, for error messages and help text. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(CaptureType::wireName).collect(Collectors.joining(", "));
    }
}
