package io.shotload.stub.config;

/**
 * An integer config field with an inclusive range.
 *
 * @param path the dotted JSON path
 * @param defaultValue the value used when the field is absent
 * @param min the smallest allowed value
 * @param max the largest allowed value
 * @param description one line with the unit
 */
public record IntField(String path, long defaultValue, long min, long max, String description) implements ConfigField {

    public IntField {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(path + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** Returns {@code value} unchanged, or throws {@link InvalidConfigException} when it is out of range. */
    public long check(long value) {
        if (value < min || value > max) {
            throw InvalidConfigException.forField(path, Long.toString(value), allowedText());
        }
        return value;
    }

    /** Returns {@link #check} narrowed to an int; every int field has a range inside the int range. */
    public int checkInt(long value) {
        return Math.toIntExact(check(value));
    }

    public int defaultInt() {
        return Math.toIntExact(defaultValue);
    }

    @Override
    public String defaultText() {
        return Long.toString(defaultValue);
    }

    @Override
    public String allowedText() {
        if (isUnbounded()) {
            return "any 64-bit integer";
        }
        return min + ".." + max;
    }

    /** Returns the rule for a value of the wrong JSON type, such as {@code an integer 1..1000}. */
    String expectedIntegerText() {
        return isUnbounded() ? "a 64-bit integer" : "an integer " + allowedText();
    }

    private boolean isUnbounded() {
        return min == Long.MIN_VALUE && max == Long.MAX_VALUE;
    }
}
