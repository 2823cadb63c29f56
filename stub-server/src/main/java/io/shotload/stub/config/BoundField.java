package io.shotload.stub.config;

/**
 * A field of a section that Jackson binds to a record outside this package, such as
 * {@code ChromiumConfig}. That record validates the value in its constructor, so this descriptor only
 * carries what help text, the README table and type errors need.
 *
 * @param path the dotted JSON path
 * @param defaultText the default as written in the JSON file
 * @param allowedText the allowed values, such as {@code 1..64} or {@code context or reused_page}
 * @param description one line with the unit
 */
public record BoundField(String path, String defaultText, String allowedText, String description)
        implements ConfigField {
}
