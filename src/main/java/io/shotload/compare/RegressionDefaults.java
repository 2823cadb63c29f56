package io.shotload.compare;

/**
 * The default of every regression threshold, each defined once; {@link RegressionThreshold} builds the
 * CLI help from these constants.
 */
public final class RegressionDefaults {

    /** Steady throughput drop that is a warning, in percent of the baseline. */
    public static final double THROUGHPUT_DROP_WARNING_PERCENT = 10.0;
    /** Steady throughput drop that is a regression, in percent of the baseline. */
    public static final double THROUGHPUT_DROP_CRITICAL_PERCENT = 25.0;
    /** p95 response time increase that is a warning, in percent of the baseline. */
    public static final double P95_INCREASE_WARNING_PERCENT = 20.0;
    /** p95 response time increase that is a regression, in percent of the baseline. */
    public static final double P95_INCREASE_CRITICAL_PERCENT = 50.0;
    /** Error rate increase that is a warning, in percentage points (2% to 3% is 1 point). */
    public static final double ERROR_RATE_INCREASE_WARNING_POINTS = 1.0;
    /** Error rate increase that is a regression, in percentage points. */
    public static final double ERROR_RATE_INCREASE_CRITICAL_POINTS = 5.0;
    /**
     * Change of the recommended pool size, either way, that is a warning, in browsers: any change means the
     * production configuration must change with it.
     */
    public static final double POOL_SIZE_CHANGE_WARNING_USERS = 1.0;
    /** Drop of the recommended pool size that is a regression, in percent of the baseline. */
    public static final double POOL_SIZE_DROP_CRITICAL_PERCENT = 25.0;

    private RegressionDefaults() {}
}
