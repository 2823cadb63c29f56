package io.shotload.compare;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The values of every {@link RegressionThreshold}, checked so that no warning threshold lies above its
 * critical one.
 */
public final class RegressionThresholds {

    private final Map<RegressionThreshold, Double> values;

    private RegressionThresholds(Map<RegressionThreshold, Double> values) {
        this.values = new EnumMap<>(values);
        requireOrdered(RegressionThreshold.THROUGHPUT_DROP_WARNING_PERCENT,
                RegressionThreshold.THROUGHPUT_DROP_CRITICAL_PERCENT);
        requireOrdered(RegressionThreshold.P95_INCREASE_WARNING_PERCENT,
                RegressionThreshold.P95_INCREASE_CRITICAL_PERCENT);
        requireOrdered(RegressionThreshold.ERROR_RATE_INCREASE_WARNING_POINTS,
                RegressionThreshold.ERROR_RATE_INCREASE_CRITICAL_POINTS);
    }

    public static RegressionThresholds defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every {@code shotload.<camelCase flag>} property that is set; others keep their defaults.
     *
     * @throws IllegalArgumentException naming the first property with an invalid value
     */
    public static Builder fromProperties(Properties properties) {
        Builder builder = builder();
        for (RegressionThreshold threshold : RegressionThreshold.values()) {
            String raw = properties.getProperty(threshold.property());
            if (raw != null) {
                builder.set(threshold, threshold.parse(raw, "-D" + threshold.property()));
            }
        }
        return builder;
    }

    /** Returns the value of {@code threshold}, in its unit. */
    public double get(RegressionThreshold threshold) {
        return values.get(threshold);
    }

    private void requireOrdered(RegressionThreshold warning, RegressionThreshold critical) {
        if (get(warning) > get(critical)) {
            throw new IllegalArgumentException("Invalid thresholds: --" + warning.flag() + " = " + get(warning)
                    + " is above --" + critical.flag() + " = " + get(critical)
                    + "; expected the warning threshold at or below the critical one.");
        }
    }

    /** Mutable builder that starts from the defaults. */
    public static final class Builder {
        private final Map<RegressionThreshold, Double> values = new EnumMap<>(RegressionThreshold.class);

        private Builder() {
            for (RegressionThreshold threshold : RegressionThreshold.values()) {
                values.put(threshold, threshold.defaultValue());
            }
        }

        public Builder set(RegressionThreshold threshold, double value) {
            values.put(threshold, value);
            return this;
        }

        /** @throws IllegalArgumentException when a warning threshold lies above its critical one */
        public RegressionThresholds build() {
            return new RegressionThresholds(values);
        }
    }
}
