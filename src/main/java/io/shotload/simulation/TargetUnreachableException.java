package io.shotload.simulation;

/** The target did not respond before the load started; the message names the URL and the cause. */
public class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
