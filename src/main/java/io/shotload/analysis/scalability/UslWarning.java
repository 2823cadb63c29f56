package io.shotload.analysis.scalability;

/**
 * Reason to distrust a Universal Scalability Law fit, as a stable code for programs and a
 * sentence with the numbers for people.
 *
 * @param code machine-readable kind of the warning
 * @param message one or two sentences that name the value and what to do about it
 */
public record UslWarning(Code code, String message) {

    /** Kinds of warning that {@link UslFit} raises. */
    public enum Code {
        /** Fewer than {@value UslFit#MIN_TRUSTED_LEVELS} distinct concurrency levels were measured. */
        TOO_FEW_CONCURRENCY_LEVELS,
        /** The peak concurrency N* lies beyond the largest measured concurrency. */
        PEAK_BEYOND_MEASURED_RANGE,
        /** The peak concurrency N* lies below the smallest measured concurrency. */
        PEAK_BELOW_MEASURED_RANGE,
        /** A coefficient above its bound has a standard error larger than its value. */
        LARGE_STANDARD_ERROR,
        /** sigma sits at its lower bound 0, so the data show no contention. */
        SIGMA_AT_BOUND,
        /** kappa sits at its lower bound 0, so the data show no coherency delay and no peak. */
        KAPPA_AT_BOUND,
        /** Too few points or a singular covariance matrix, so the standard errors are NaN. */
        STANDARD_ERRORS_UNAVAILABLE
    }

    public UslWarning {
        if (code == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("Invalid USL warning: code and message are required; got code = "
                    + code + ", message = " + message + ".");
        }
    }
}
