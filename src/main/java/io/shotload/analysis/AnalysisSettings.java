package io.shotload.analysis;

import java.util.Properties;

/**
 * Thresholds and factors of the analysis. Every field's meaning, unit, range and default are defined
 * by the {@link Setting} of the same name; defaults live in {@link AnalysisDefaults}.
 *
 * <p>Build one with {@link #builder()}, {@link #defaults()}, or {@link #fromSystemProperties()}, which
 * reads {@code -Dshotload.<camelCaseName>} such as {@code -Dshotload.maxErrorRatePercent=25}.
 */
public record AnalysisSettings(
        double maxErrorRatePercent,
        double maxAvgResponseMs,
        double minStability,
        double degradationTolerancePercent,
        double targetStability,
        double targetErrorRatePercent,
        double targetAvgResponseMs,
        double apdexThresholdMs,
        double poolHeadroom,
        double acceptableQueueWaitSeconds,
        double browserTimeoutMargin,
        double memoryMargin,
        int defaultMemoryPerBrowserMb,
        int cpuLimitPercent,
        int maxBrowserAgeSeconds,
        double memoryGrowthWarningMbPerMinute,
        double littlesLawTolerancePercent,
        double generatorCpuSaturation,
        double generatorSaturatedSamplesPercent,
        double modelDisagreementLevels) {

    /** Checks every value against its {@link Setting}'s range. */
    public AnalysisSettings {
        double[] values = {maxErrorRatePercent, maxAvgResponseMs, minStability, degradationTolerancePercent,
            targetStability, targetErrorRatePercent, targetAvgResponseMs, apdexThresholdMs, poolHeadroom,
            acceptableQueueWaitSeconds, browserTimeoutMargin, memoryMargin, defaultMemoryPerBrowserMb,
            cpuLimitPercent, maxBrowserAgeSeconds, memoryGrowthWarningMbPerMinute, littlesLawTolerancePercent,
            generatorCpuSaturation, generatorSaturatedSamplesPercent, modelDisagreementLevels};
        Setting[] settings = Setting.values();
        for (int index = 0; index < settings.length; index++) {
            settings[index].check(values[index]);
        }
    }

    public static AnalysisSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads every {@code shotload.<camelCaseName>} system property that is set; others keep their defaults. */
    public static AnalysisSettings fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    /**
     * Reads settings from {@code properties} as {@link #fromSystemProperties()} does.
     *
     * @throws InvalidSettingException naming the first property with a bad value
     */
    public static AnalysisSettings fromProperties(Properties properties) {
        Builder builder = builder();
        for (Setting setting : Setting.values()) {
            String raw = properties.getProperty(setting.property());
            if (raw != null) {
                setting.apply(builder, raw, "-D" + setting.property());
            }
        }
        return builder.build();
    }

    /** Returns a builder starting from these values. */
    public Builder toBuilder() {
        Builder builder = builder();
        for (Setting setting : Setting.values()) {
            setting.apply(builder, Double.toString(setting.valueIn(this)), setting.flag());
        }
        return builder;
    }

    /** Mutable builder; {@link #build()} checks the ranges. */
    public static final class Builder {
        private double maxErrorRatePercent = AnalysisDefaults.MAX_ERROR_RATE_PERCENT;
        private double maxAvgResponseMs = AnalysisDefaults.MAX_AVG_RESPONSE_MS;
        private double minStability = AnalysisDefaults.MIN_STABILITY;
        private double degradationTolerancePercent = AnalysisDefaults.DEGRADATION_TOLERANCE_PERCENT;
        private double targetStability = AnalysisDefaults.TARGET_STABILITY;
        private double targetErrorRatePercent = AnalysisDefaults.TARGET_ERROR_RATE_PERCENT;
        private double targetAvgResponseMs = AnalysisDefaults.TARGET_AVG_RESPONSE_MS;
        private double apdexThresholdMs = AnalysisDefaults.APDEX_THRESHOLD_MS;
        private double poolHeadroom = AnalysisDefaults.POOL_HEADROOM;
        private double acceptableQueueWaitSeconds = AnalysisDefaults.ACCEPTABLE_QUEUE_WAIT_SECONDS;
        private double browserTimeoutMargin = AnalysisDefaults.BROWSER_TIMEOUT_MARGIN;
        private double memoryMargin = AnalysisDefaults.MEMORY_MARGIN;
        private int defaultMemoryPerBrowserMb = AnalysisDefaults.DEFAULT_MEMORY_PER_BROWSER_MB;
        private int cpuLimitPercent = AnalysisDefaults.CPU_LIMIT_PERCENT;
        private int maxBrowserAgeSeconds = AnalysisDefaults.MAX_BROWSER_AGE_SECONDS;
        private double memoryGrowthWarningMbPerMinute = AnalysisDefaults.MEMORY_GROWTH_WARNING_MB_PER_MINUTE;
        private double littlesLawTolerancePercent = AnalysisDefaults.LITTLES_LAW_TOLERANCE_PERCENT;
        private double generatorCpuSaturation = AnalysisDefaults.GENERATOR_CPU_SATURATION;
        private double generatorSaturatedSamplesPercent = AnalysisDefaults.GENERATOR_SATURATED_SAMPLES_PERCENT;
        private double modelDisagreementLevels = AnalysisDefaults.MODEL_DISAGREEMENT_LEVELS;

        private Builder() {}

        public Builder maxErrorRatePercent(double value) {
            maxErrorRatePercent = value;
            return this;
        }

        public Builder maxAvgResponseMs(double value) {
            maxAvgResponseMs = value;
            return this;
        }

        public Builder minStability(double value) {
            minStability = value;
            return this;
        }

        public Builder degradationTolerancePercent(double value) {
            degradationTolerancePercent = value;
            return this;
        }

        public Builder targetStability(double value) {
            targetStability = value;
            return this;
        }

        public Builder targetErrorRatePercent(double value) {
            targetErrorRatePercent = value;
            return this;
        }

        public Builder targetAvgResponseMs(double value) {
            targetAvgResponseMs = value;
            return this;
        }

        public Builder apdexThresholdMs(double value) {
            apdexThresholdMs = value;
            return this;
        }

        public Builder poolHeadroom(double value) {
            poolHeadroom = value;
            return this;
        }

        public Builder acceptableQueueWaitSeconds(double value) {
            acceptableQueueWaitSeconds = value;
            return this;
        }

        public Builder browserTimeoutMargin(double value) {
            browserTimeoutMargin = value;
            return this;
        }

        public Builder memoryMargin(double value) {
            memoryMargin = value;
            return this;
        }

        public Builder defaultMemoryPerBrowserMb(int value) {
            defaultMemoryPerBrowserMb = value;
            return this;
        }

        public Builder cpuLimitPercent(int value) {
            cpuLimitPercent = value;
            return this;
        }

        public Builder maxBrowserAgeSeconds(int value) {
            maxBrowserAgeSeconds = value;
            return this;
        }

        public Builder memoryGrowthWarningMbPerMinute(double value) {
            memoryGrowthWarningMbPerMinute = value;
            return this;
        }

        public Builder littlesLawTolerancePercent(double value) {
            littlesLawTolerancePercent = value;
            return this;
        }

        public Builder generatorCpuSaturation(double value) {
            generatorCpuSaturation = value;
            return this;
        }

        public Builder generatorSaturatedSamplesPercent(double value) {
            generatorSaturatedSamplesPercent = value;
            return this;
        }

        public Builder modelDisagreementLevels(double value) {
            modelDisagreementLevels = value;
            return this;
        }

        /** @throws InvalidSettingException when a value is outside its {@link Setting}'s range */
        public AnalysisSettings build() {
            return new AnalysisSettings(maxErrorRatePercent, maxAvgResponseMs, minStability,
                    degradationTolerancePercent, targetStability, targetErrorRatePercent, targetAvgResponseMs,
                    apdexThresholdMs, poolHeadroom, acceptableQueueWaitSeconds, browserTimeoutMargin, memoryMargin,
                    defaultMemoryPerBrowserMb, cpuLimitPercent, maxBrowserAgeSeconds, memoryGrowthWarningMbPerMinute,
                    littlesLawTolerancePercent, generatorCpuSaturation, generatorSaturatedSamplesPercent,
                    modelDisagreementLevels);
        }
    }
}
