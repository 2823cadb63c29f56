package io.shotload.stub.config;

import java.time.Duration;
import java.util.Objects;

/** Checks of {@link Duration} config values that the file stores as whole seconds. */
final class Durations {

    private Durations() {
    }

    /** Returns {@code value} when it is whole seconds within the field's range; throws otherwise. */
    static Duration checkSeconds(IntField field, Duration value) {
        Objects.requireNonNull(value, field.path());
        if (value.getNano() != 0) {
            throw InvalidConfigException.forField(field.path(), value.toString(), "whole seconds " + field.allowedText());
        }
        field.check(value.getSeconds());
        return value;
    }
}
