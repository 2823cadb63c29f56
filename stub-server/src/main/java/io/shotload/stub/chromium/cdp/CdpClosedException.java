package io.shotload.stub.chromium.cdp;

/** A DevTools command that failed because the connection to the browser closed, usually a crash. */
public class CdpClosedException extends CdpException {

    public CdpClosedException(String message) {
        super(message);
    }
}
