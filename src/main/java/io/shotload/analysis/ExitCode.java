package io.shotload.analysis;

/**
 * The process exit code of an analysis, and its verdict word in reports.
 * <ul>
 *   <li>0 {@code ready}: the run is valid and the service is production ready. A breaking point in the
 *       last scenario alone is expected, because that scenario is the stress level, and still gives 0.</li>
 *   <li>1 {@code warnings}: the run completed but the service is not production ready, or it degraded
 *       (breaking point before the last scenario, or at or below the recommended pool size), or the
 *       run's own numbers are doubtful (Little's law failed, the generator was saturated, scenarios were
 *       missing or aborted, the recorder reported warnings).</li>
 *   <li>2 {@code critical}: no valid verdict was possible: the target was unreachable, every request
 *       failed, no request was recorded, no scenario completed, or the run data was missing or corrupt.
 *       The CLI also returns 2 for a bad flag or value.</li>
 * </ul>
 */
public enum ExitCode {
    READY(0, "ready"),
    WARNINGS(1, "warnings"),
    NO_VERDICT(2, "critical");

    private final int code;
    private final String verdict;

    ExitCode(int code, String verdict) {
        this.code = code;
        this.verdict = verdict;
    }

    public int code() {
        return code;
    }

    /** Returns the word used in reports: {@code ready}, {@code warnings} or {@code critical}. */
    public String verdict() {
        return verdict;
    }
}
