package io.shotload.run;

/**
 * One reading of the Gatling JVM itself, taken once a second. A load generator whose CPU is saturated
 * measures its own queueing rather than the target's latency, which makes a run invalid.
 *
 * @param timestampEpochMillis when the reading was taken
 * @param processCpuLoad the JVM's CPU use over the last interval, 0..1 of all cores; negative when unknown
 * @param systemCpuLoad the whole machine's CPU use, 0..1; negative when unknown
 * @param heapUsedBytes heap in use
 * @param heapMaxBytes the heap's limit
 * @param activeUsers virtual users alive across all scenarios
 */
public record GeneratorSample(
        long timestampEpochMillis,
        double processCpuLoad,
        double systemCpuLoad,
        long heapUsedBytes,
        long heapMaxBytes,
        int activeUsers) {}
