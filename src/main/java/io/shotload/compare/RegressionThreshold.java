package io.shotload.compare;

import java.util.Arrays;
import java.util.Optional;

/**
 * One regression threshold of the run comparison: its CLI flag, its system property, its unit and its
 * default. The flag is {@code --<flag>}; the property is {@code shotload.<camelCase flag>}, as for the
 * analysis settings. A change at or beyond the warning threshold is a warning (exit code 1), at or beyond
 * the critical one a regression (exit code 2).
 */
public enum RegressionThreshold {
    THROUGHPUT_DROP_WARNING_PERCENT("throughput-drop-warning-percent", "percent",
            "Steady throughput drop, relative to the baseline, that is a warning",
            RegressionDefaults.THROUGHPUT_DROP_WARNING_PERCENT),
    THROUGHPUT_DROP_CRITICAL_PERCENT("throughput-drop-critical-percent", "percent",
            "Steady throughput drop, relative to the baseline, that is a regression",
            RegressionDefaults.THROUGHPUT_DROP_CRITICAL_PERCENT),
    P95_INCREASE_WARNING_PERCENT("p95-increase-warning-percent", "percent",
            "p95 response time increase, relative to the baseline, that is a warning",
            RegressionDefaults.P95_INCREASE_WARNING_PERCENT),
    P95_INCREASE_CRITICAL_PERCENT("p95-increase-critical-percent", "percent",
            "p95 response time increase, relative to the baseline, that is a regression",
            RegressionDefaults.P95_INCREASE_CRITICAL_PERCENT),
    ERROR_RATE_INCREASE_WARNING_POINTS("error-rate-increase-warning-points", "percentage points",
            "Error rate increase that is a warning",
            RegressionDefaults.ERROR_RATE_INCREASE_WARNING_POINTS),
    ERROR_RATE_INCREASE_CRITICAL_POINTS("error-rate-increase-critical-points", "percentage points",
            "Error rate increase that is a regression",
            RegressionDefaults.ERROR_RATE_INCREASE_CRITICAL_POINTS),
    POOL_SIZE_CHANGE_WARNING_USERS("pool-size-change-warning-users", "browsers",
            "Change of the recommended pool size, either way, that is a warning",
            RegressionDefaults.POOL_SIZE_CHANGE_WARNING_USERS),
    POOL_SIZE_DROP_CRITICAL_PERCENT("pool-size-drop-critical-percent", "percent",
            "Drop of the recommended pool size, relative to the baseline, that is a regression",
            RegressionDefaults.POOL_SIZE_DROP_CRITICAL_PERCENT);

    /** Largest value any threshold accepts; a percent drop beyond 100 could never be reached anyway. */
    static final double MAX_VALUE = 1_000_000;

    private final String flag;
    private final String unit;
    private final String description;
    private final double defaultValue;

    RegressionThreshold(String flag, String unit, String description, double defaultValue) {
        this.flag = flag;
        this.unit = unit;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** Returns the CLI flag without the leading dashes, such as {@code throughput-drop-warning-percent}. */
    public String flag() {
        return flag;
    }

    /** Returns the system property, such as {@code shotload.throughputDropWarningPercent}. */
    public String property() {
        StringBuilder camel = new StringBuilder("shotload.");
        boolean upperNext = false;
        for (char c : flag.toCharArray()) {
            if (c == '-') {
                upperNext = true;
            } else {
                camel.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return camel.toString();
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public double defaultValue() {
        return defaultValue;
    }

    /**
     * Parses a threshold value.
     *
     * @param source how the user gave it, such as {@code --p95-increase-warning-percent}
     * @throws IllegalArgumentException naming the source, the value and the allowed range
     */
    public double parse(String raw, String source) {
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(raw, source);
        }
        if (!Double.isFinite(value) || value < 0 || value > MAX_VALUE) {
            throw invalid(raw, source);
        }
        return value;
    }

    /** Finds a threshold by its CLI flag, with or without the leading dashes. */
    public static Optional<RegressionThreshold> byFlag(String flag) {
        String bare = flag.startsWith("--") ? flag.substring(2) : flag;
        return Arrays.stream(values()).filter(threshold -> threshold.flag.equals(bare)).findFirst();
    }

    private IllegalArgumentException invalid(String raw, String source) {
        return new IllegalArgumentException("Invalid threshold " + source + " = \"" + raw + "\"; expected a number"
                + " from 0 to " + (long) MAX_VALUE + " (" + unit + "). The threshold means: " + description + ".");
    }
}
