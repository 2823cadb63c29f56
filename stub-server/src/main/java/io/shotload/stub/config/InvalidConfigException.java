package io.shotload.stub.config;

/**
 * A stub configuration that cannot be used: malformed JSON, an unknown field, a wrong type or a value
 * out of range.
 *
 * <p>The message always starts with {@code Invalid stub config:} and, for a field, names its JSON path,
 * the rejected value and the rule, for example
 * {@code Invalid stub config: browser_pool.max_pool_size = 0; expected 1..1000.}
 */
public final class InvalidConfigException extends RuntimeException {

    static final String PREFIX = "Invalid stub config: ";

    private final String fieldPath;

    private InvalidConfigException(String fieldPath, String message, Throwable cause) {
        super(PREFIX + message, cause);
        this.fieldPath = fieldPath;
    }

    /** Creates the exception for a field whose value breaks its rule. */
    public static InvalidConfigException forField(String fieldPath, String valueText, String expected) {
        return new InvalidConfigException(fieldPath, fieldPath + " = " + valueText + "; expected " + expected + ".", null);
    }

    /** Creates the exception for a field name that the section does not define. */
    static InvalidConfigException unknownField(String fieldPath, String valueText, String knownFields) {
        return new InvalidConfigException(
                fieldPath,
                fieldPath + " = " + valueText + " is not a known field; expected one of " + knownFields + ".",
                null);
    }

    /**
     * Creates the exception from a bound record's rejection, whose message reads like
     * {@code Invalid stub config: chromium.settle_ms = -1; expected 0..60000.}; a message without the
     * field path is put after the section name.
     */
    static InvalidConfigException fromRecordMessage(String section, String message, Throwable cause) {
        String text = message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : section + ": " + message;
        int equals = text.indexOf(" = ");
        String fieldPath = text.startsWith(section + ".") && equals > 0 ? text.substring(0, equals) : section;
        return new InvalidConfigException(fieldPath, text, cause);
    }

    /** Creates the exception for a file or text that is not a readable JSON object. */
    static InvalidConfigException unreadable(String message, Throwable cause) {
        return new InvalidConfigException(null, message, cause);
    }

    /** Returns the JSON path of the rejected field, or {@code null} when the whole document was rejected. */
    public String fieldPath() {
        return fieldPath;
    }
}
