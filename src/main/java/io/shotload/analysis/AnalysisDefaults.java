package io.shotload.analysis;

/**
 * The default of every analysis setting, each defined once. {@link Setting} builds the CLI help and the
 * system-property documentation from these constants, so the help text cannot disagree with the code.
 */
public final class AnalysisDefaults {

    // Breaking point: the first scenario that crosses any of these limits.

    /** Error rate above which a scenario is the breaking point, in percent of all requests. */
    public static final double MAX_ERROR_RATE_PERCENT = 20.0;
    /** Average response time above which a scenario is the breaking point, in ms. */
    public static final double MAX_AVG_RESPONSE_MS = 8000.0;
    /** Stability score below which a scenario is the breaking point, 0..1. */
    public static final double MIN_STABILITY = 0.3;
    /** Noise allowed before "throughput falls while latency rises" counts, in percent of the previous scenario. */
    public static final double DEGRADATION_TOLERANCE_PERCENT = 5.0;

    // Production targets: a scenario within all three can set the optimal concurrency.

    /** Stability score a scenario needs to be within production targets, 0..1. */
    public static final double TARGET_STABILITY = 0.75;
    /** Error rate a scenario must stay below to be within production targets, in percent. */
    public static final double TARGET_ERROR_RATE_PERCENT = 5.0;
    /** Average response time a scenario must stay below to be within production targets, in ms. */
    public static final double TARGET_AVG_RESPONSE_MS = 2000.0;
    /** Apdex threshold T of the stability score's latency part, in ms; the production average target. */
    public static final double APDEX_THRESHOLD_MS = TARGET_AVG_RESPONSE_MS;

    // Production configuration.

    /** Recommended pool size = ceil(optimal users x this factor). */
    public static final double POOL_HEADROOM = 1.2;
    /** Maximum wait in the screenshot queue that callers accept, which sizes the queue by Little's law, in s. */
    public static final double ACCEPTABLE_QUEUE_WAIT_SECONDS = 10.0;
    /** Browser timeout = p99 response time at the optimal scenario x this factor. */
    public static final double BROWSER_TIMEOUT_MARGIN = 2.0;
    /** Memory limit per browser = measured memory per browser x this factor. */
    public static final double MEMORY_MARGIN = 1.25;
    /** Memory limit per browser when the target exposes no memory or browser metrics, in MB. */
    public static final int DEFAULT_MEMORY_PER_BROWSER_MB = 512;
    /** CPU limit written into the production configuration; the target's CPU is not measured, in percent. */
    public static final int CPU_LIMIT_PERCENT = 80;
    /** Age after which the pool replaces a browser; too long a time to measure in a capacity run, in s. */
    public static final int MAX_BROWSER_AGE_SECONDS = 1800;
    /** Memory growth above which a scenario is reported as a possible leak, in MB per minute. */
    public static final double MEMORY_GROWTH_WARNING_MB_PER_MINUTE = 10.0;

    // Run validation.

    /** Largest allowed gap between planned users and throughput x (response time + think time), in percent. */
    public static final double LITTLES_LAW_TOLERANCE_PERCENT = 15.0;
    /** Gatling JVM CPU load, 0..1 of all cores, above which a generator sample counts as saturated. */
    public static final double GENERATOR_CPU_SATURATION = 0.9;
    /** Share of saturated generator samples above which the run is flagged, in percent. */
    public static final double GENERATOR_SATURATED_SAMPLES_PERCENT = 20.0;

    // Scalability model.

    /**
     * Distance in plan levels beyond which a model-based estimate (USL peak, Kneedle knee) counts as
     * disagreeing with the rule-based optimum; 1 means "more than one planned level away".
     */
    public static final double MODEL_DISAGREEMENT_LEVELS = 1.0;

    private AnalysisDefaults() {}
}
