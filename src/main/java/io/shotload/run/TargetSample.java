package io.shotload.run;

/**
 * One scrape of the target's {@code /metrics}. A field is {@code null} when the target does not
 * expose that metric.
 *
 * @param timestampEpochMillis when the scrape finished
 * @param memoryResidentBytes the service's resident memory ({@code screenshot_memory_resident_bytes})
 * @param jvmHeapUsedBytes the service's JVM heap in use, for a JVM service
 * @param queueDepth requests waiting for a capture slot ({@code screenshot_queue_depth})
 * @param capturesRunning captures in progress ({@code screenshot_captures_running})
 * @param browsers browsers in the pool ({@code screenshot_browsers})
 */
public record TargetSample(
        long timestampEpochMillis,
        Double memoryResidentBytes,
        Double jvmHeapUsedBytes,
        Double queueDepth,
        Double capturesRunning,
        Double browsers) {}
