package io.shotload.compare;

/** A results file that cannot be compared; the message names the file, the field and the rule. */
public class InvalidResultsFileException extends RuntimeException {

    public InvalidResultsFileException(String message) {
        super(message);
    }
}
