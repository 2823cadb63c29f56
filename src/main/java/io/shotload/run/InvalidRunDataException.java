package io.shotload.run;

/** Run data that is missing or cannot be read; the message names the file and what is wrong. */
public class InvalidRunDataException extends RuntimeException {

    public InvalidRunDataException(String message) {
        super(message);
    }

    public InvalidRunDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
