package io.shotload.stub.config;

/**
 * A boolean config field.
 *
 * @param path the dotted JSON path
 * @param defaultValue the value used when the field is absent
 * @param description one line
 */
public record BooleanField(String path, boolean defaultValue, String description) implements ConfigField {

    @Override
    public String defaultText() {
        return Boolean.toString(defaultValue);
    }

    @Override
    public String allowedText() {
        return "true or false";
    }
}
