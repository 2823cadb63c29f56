package io.shotload.simulation;

/** A {@code -Dshotload.*} property with a value the simulation cannot use; the message names both. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
