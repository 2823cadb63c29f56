package io.shotload.stub.backend;

/** A backend that was requested by name but cannot be used; the message names the one to use instead. */
public final class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }
}
