package io.shotload.stub.config;

/**
 * One field of the stub configuration file: its JSON path, default and allowed values. Help text and
 * the README table are generated from these descriptors, so they cannot disagree with the code.
 */
public sealed interface ConfigField permits IntField, DoubleField, BooleanField, BoundField {

    /** Returns the dotted JSON path, such as {@code browser_pool.max_pool_size}. */
    String path();

    /** Returns the default as it would be written in the JSON file. */
    String defaultText();

    /** Returns the allowed values, such as {@code 1..1000} or {@code true or false}. */
    String allowedText();

    /** Returns a one-line description, with the unit. */
    String description();

    /** Returns the field name within its section, the last element of {@link #path()}. */
    default String name() {
        return path().substring(path().lastIndexOf('.') + 1);
    }
}
