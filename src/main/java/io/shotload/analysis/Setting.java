package io.shotload.analysis;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;

/**
 * One analysis setting: its CLI flag, its system property, its unit, its allowed range and its default
 * from {@link AnalysisDefaults}.
 *
 * <p>The CLI flag is {@code --<flag>}, such as {@code --max-error-rate-percent}. The system property
 * is {@code shotload.<camelCase>}, such as {@code -Dshotload.maxErrorRatePercent=25}, so that the
 * simulation and a CI job pass thresholds the same way.
 */
public enum Setting {
    MAX_ERROR_RATE_PERCENT("max-error-rate-percent", "percent", 0, 100, false,
            "Error rate above which a scenario is the breaking point",
            AnalysisDefaults.MAX_ERROR_RATE_PERCENT,
            AnalysisSettings.Builder::maxErrorRatePercent, AnalysisSettings::maxErrorRatePercent),
    MAX_AVG_RESPONSE_MS("max-avg-response-ms", "ms", 1, 3_600_000, false,
            "Average response time above which a scenario is the breaking point",
            AnalysisDefaults.MAX_AVG_RESPONSE_MS,
            AnalysisSettings.Builder::maxAvgResponseMs, AnalysisSettings::maxAvgResponseMs),
    MIN_STABILITY("min-stability", "score", 0, 1, false,
            "Stability score below which a scenario is the breaking point",
            AnalysisDefaults.MIN_STABILITY,
            AnalysisSettings.Builder::minStability, AnalysisSettings::minStability),
    DEGRADATION_TOLERANCE_PERCENT("degradation-tolerance-percent", "percent", 0, 100, false,
            "Noise ignored when checking whether throughput fell while latency rose",
            AnalysisDefaults.DEGRADATION_TOLERANCE_PERCENT,
            AnalysisSettings.Builder::degradationTolerancePercent, AnalysisSettings::degradationTolerancePercent),
    TARGET_STABILITY("target-stability", "score", 0, 1, false,
            "Stability score a scenario needs to be within production targets",
            AnalysisDefaults.TARGET_STABILITY,
            AnalysisSettings.Builder::targetStability, AnalysisSettings::targetStability),
    TARGET_ERROR_RATE_PERCENT("target-error-rate-percent", "percent", 0, 100, false,
            "Error rate a scenario must stay below to be within production targets",
            AnalysisDefaults.TARGET_ERROR_RATE_PERCENT,
            AnalysisSettings.Builder::targetErrorRatePercent, AnalysisSettings::targetErrorRatePercent),
    TARGET_AVG_RESPONSE_MS("target-avg-response-ms", "ms", 1, 3_600_000, false,
            "Average response time a scenario must stay below to be within production targets",
            AnalysisDefaults.TARGET_AVG_RESPONSE_MS,
            AnalysisSettings.Builder::targetAvgResponseMs, AnalysisSettings::targetAvgResponseMs),
    APDEX_THRESHOLD_MS("apdex-threshold-ms", "ms", 1, 3_600_000, false,
            "Apdex threshold T of the stability score (satisfied <= T, tolerating <= 4T)",
            AnalysisDefaults.APDEX_THRESHOLD_MS,
            AnalysisSettings.Builder::apdexThresholdMs, AnalysisSettings::apdexThresholdMs),
    POOL_HEADROOM("pool-headroom", "factor", 1, 10, false,
            "Recommended pool size = ceil(optimal users x this factor)",
            AnalysisDefaults.POOL_HEADROOM,
            AnalysisSettings.Builder::poolHeadroom, AnalysisSettings::poolHeadroom),
    ACCEPTABLE_QUEUE_WAIT_SECONDS("acceptable-queue-wait-seconds", "s", 0, 3600, false,
            "Longest queue wait callers accept; sizes screenshot_queue.max_queue_size",
            AnalysisDefaults.ACCEPTABLE_QUEUE_WAIT_SECONDS,
            AnalysisSettings.Builder::acceptableQueueWaitSeconds, AnalysisSettings::acceptableQueueWaitSeconds),
    BROWSER_TIMEOUT_MARGIN("browser-timeout-margin", "factor", 1, 100, false,
            "Browser timeout = p99 response time at the optimal scenario x this factor",
            AnalysisDefaults.BROWSER_TIMEOUT_MARGIN,
            AnalysisSettings.Builder::browserTimeoutMargin, AnalysisSettings::browserTimeoutMargin),
    MEMORY_MARGIN("memory-margin", "factor", 1, 10, false,
            "Memory limit per browser = measured memory per browser x this factor",
            AnalysisDefaults.MEMORY_MARGIN,
            AnalysisSettings.Builder::memoryMargin, AnalysisSettings::memoryMargin),
    DEFAULT_MEMORY_PER_BROWSER_MB("default-memory-per-browser-mb", "MB", 1, 1_048_576, true,
            "Memory limit per browser when the target exposes no memory metrics",
            AnalysisDefaults.DEFAULT_MEMORY_PER_BROWSER_MB,
            (builder, value) -> builder.defaultMemoryPerBrowserMb((int) value),
            AnalysisSettings::defaultMemoryPerBrowserMb),
    CPU_LIMIT_PERCENT("cpu-limit-percent", "percent", 1, 100_000, true,
            "CPU limit written into the production configuration",
            AnalysisDefaults.CPU_LIMIT_PERCENT,
            (builder, value) -> builder.cpuLimitPercent((int) value), AnalysisSettings::cpuLimitPercent),
    MAX_BROWSER_AGE_SECONDS("max-browser-age-seconds", "s", 1, 604_800, true,
            "Age after which the pool replaces a browser",
            AnalysisDefaults.MAX_BROWSER_AGE_SECONDS,
            (builder, value) -> builder.maxBrowserAgeSeconds((int) value), AnalysisSettings::maxBrowserAgeSeconds),
    MEMORY_GROWTH_WARNING_MB_PER_MINUTE("memory-growth-warning-mb-per-minute", "MB/min", 0, 1_048_576, false,
            "Memory growth above which, with 95% confidence, a scenario is reported as a possible leak",
            AnalysisDefaults.MEMORY_GROWTH_WARNING_MB_PER_MINUTE,
            AnalysisSettings.Builder::memoryGrowthWarningMbPerMinute,
            AnalysisSettings::memoryGrowthWarningMbPerMinute),
    LITTLES_LAW_TOLERANCE_PERCENT("littles-law-tolerance-percent", "percent", 0, 1000, false,
            "Largest allowed gap between planned users and throughput x (response + think time)",
            AnalysisDefaults.LITTLES_LAW_TOLERANCE_PERCENT,
            AnalysisSettings.Builder::littlesLawTolerancePercent, AnalysisSettings::littlesLawTolerancePercent),
    GENERATOR_CPU_SATURATION("generator-cpu-saturation", "fraction of all cores", 0, 1, false,
            "Gatling JVM CPU load above which a generator sample counts as saturated",
            AnalysisDefaults.GENERATOR_CPU_SATURATION,
            AnalysisSettings.Builder::generatorCpuSaturation, AnalysisSettings::generatorCpuSaturation),
    GENERATOR_SATURATED_SAMPLES_PERCENT("generator-saturated-samples-percent", "percent", 0, 100, false,
            "Share of saturated generator samples above which the run is flagged",
            AnalysisDefaults.GENERATOR_SATURATED_SAMPLES_PERCENT,
            AnalysisSettings.Builder::generatorSaturatedSamplesPercent,
            AnalysisSettings::generatorSaturatedSamplesPercent),
    MODEL_DISAGREEMENT_LEVELS("model-disagreement-levels", "plan levels", 0, 100, false,
            "Distance from the rule-based optimum beyond which the USL peak or a knee counts as disagreeing",
            AnalysisDefaults.MODEL_DISAGREEMENT_LEVELS,
            AnalysisSettings.Builder::modelDisagreementLevels, AnalysisSettings::modelDisagreementLevels);

    /** Prefix of every system property that sets an analysis setting. */
    public static final String PROPERTY_PREFIX = "shotload.";

    private final String flag;
    private final String unit;
    private final double min;
    private final double max;
    private final boolean integer;
    private final String description;
    private final double defaultValue;
    private final ObjDoubleConsumer<AnalysisSettings.Builder> setter;
    private final ToDoubleFunction<AnalysisSettings> getter;

    Setting(String flag, String unit, double min, double max, boolean integer, String description,
            double defaultValue, ObjDoubleConsumer<AnalysisSettings.Builder> setter,
            ToDoubleFunction<AnalysisSettings> getter) {
        this.flag = flag;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.integer = integer;
        this.description = description;
        this.defaultValue = defaultValue;
        this.setter = setter;
        this.getter = getter;
    }

    /** Returns the CLI flag without the leading dashes, such as {@code max-error-rate-percent}. */
    public String flag() {
        return flag;
    }

    /** Returns the system property, such as {@code shotload.maxErrorRatePercent}. */
    public String property() {
        StringBuilder camel = new StringBuilder(PROPERTY_PREFIX);
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

    public boolean integer() {
        return integer;
    }

    /** Returns the allowed range as shown in messages, such as {@code 0..100}. */
    public String range() {
        return format(min) + ".." + format(max);
    }

    /** Returns this setting's value in {@code settings}. */
    public double valueIn(AnalysisSettings settings) {
        return getter.applyAsDouble(settings);
    }

    /**
     * Parses and checks {@code raw}, then stores it in {@code builder}.
     *
     * @param source how the user gave the value, such as {@code --min-stability} or {@code -Dshotload.minStability}
     * @throws InvalidSettingException naming the source, the value and the allowed range
     */
    public void apply(AnalysisSettings.Builder builder, String raw, String source) {
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(raw, source);
        }
        if (!Double.isFinite(value) || value < min || value > max || (integer && value != Math.rint(value))) {
            throw invalid(raw, source);
        }
        setter.accept(builder, value);
    }

    /** Checks a value set through the builder, so that code and CLI obey the same ranges. */
    void check(double value) {
        if (!Double.isFinite(value) || value < min || value > max || (integer && value != Math.rint(value))) {
            throw invalid(format(value), flag);
        }
    }

    /** Finds a setting by its CLI flag, with or without the leading dashes. */
    public static Optional<Setting> byFlag(String flag) {
        String bare = flag.startsWith("--") ? flag.substring(2) : flag;
        return Arrays.stream(values()).filter(setting -> setting.flag.equals(bare)).findFirst();
    }

    /** Formats a value without a trailing {@code .0} for whole numbers. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.valueOf(value);
    }

    private InvalidSettingException invalid(String raw, String source) {
        String kind = integer ? "a whole number" : "a number";
        return new InvalidSettingException("Invalid setting " + source + " = \"" + raw + "\"; expected " + kind
                + " in " + range() + " (" + unit + "). The setting means: " + description + ".");
    }
}
