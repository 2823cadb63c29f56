package io.shotload.stub.capture;

/**
 * A capture that failed in a way the client must see: the HTTP layer responds with {@code httpStatus}
 * and a JSON body {@code {"error": errorCode, "message": message}}.
 */
public class CaptureException extends RuntimeException {

    private final int httpStatus;
    private final String errorCode;

    public CaptureException(int httpStatus, String errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public CaptureException(int httpStatus, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Returns a stable machine-readable code such as {@code capture_failed} or {@code blocked_url}. */
    public String errorCode() {
        return errorCode;
    }
}
