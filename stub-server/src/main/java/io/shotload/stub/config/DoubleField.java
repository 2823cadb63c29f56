package io.shotload.stub.config;

/**
 * A decimal config field with an inclusive range.
 *
 * @param path the dotted JSON path
 * @param defaultValue the value used when the field is absent
 * @param min the smallest allowed value
 * @param max the largest allowed value
 * @param description one line with the unit
 */
public record DoubleField(String path, double defaultValue, double min, double max, String description)
        implements ConfigField {

    public DoubleField {
        if (!(min <= max) || !(defaultValue >= min) || !(defaultValue <= max)) {
            throw new IllegalArgumentException(path + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** Returns {@code value} unchanged, or throws {@link InvalidConfigException} when it is out of range or NaN. */
    public double check(double value) {
        if (!(value >= min && value <= max)) {
            throw InvalidConfigException.forField(path, format(value), allowedText());
        }
        return value;
    }

    @Override
    public String defaultText() {
        return format(defaultValue);
    }

    @Override
    public String allowedText() {
        return format(min) + ".." + format(max);
    }

    /** Formats without a trailing {@code .0}, so {@code 1000.0} prints as {@code 1000}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
