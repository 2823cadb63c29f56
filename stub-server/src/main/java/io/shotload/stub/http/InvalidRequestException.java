package io.shotload.stub.http;

/**
 * A screenshot request the stub rejects with 400. The response body names the field, the received value
 * and what is allowed.
 */
final class InvalidRequestException extends Exception {

    private static final int MAX_VALUE_CHARS = 200;

    private final String field;
    private final String value;
    private final String allowed;

    InvalidRequestException(String field, String value, String allowed, String message) {
        super(message, null, false, false);
        this.field = field;
        this.value = value == null ? null : shorten(value);
        this.allowed = allowed;
    }

    String field() {
        return field;
    }

    /** Returns the received value as text, shortened to 200 characters, or {@code null} when it was missing. */
    String value() {
        return value;
    }

    String allowed() {
        return allowed;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
