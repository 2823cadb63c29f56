package io.shotload.stub.chromium.cdp;

/** A DevTools command that failed: a protocol error, a timeout or a closed connection. */
public class CdpException extends RuntimeException {

    public CdpException(String message) {
        super(message);
    }

    public CdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
