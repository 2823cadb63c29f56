package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The {@code screenshot_queue} section: admission of requests to captures.
 *
 * @param maxConcurrent captures running at once; further requests wait in the FIFO queue
 * @param defaultTimeout time from arrival until an unfinished request gets 504
 * @param maxQueueSize requests that may wait; a request arriving at a full queue gets 429
 */
public record ScreenshotQueueConfig(int maxConcurrent, Duration defaultTimeout, int maxQueueSize) {

    public static final String SECTION = "screenshot_queue";

    public static final IntField MAX_CONCURRENT = new IntField(
            SECTION + ".max_concurrent", 15, 1, 100_000,
            "captures running at once; further requests wait in the FIFO queue");
    public static final IntField DEFAULT_TIMEOUT = new IntField(
            SECTION + ".default_timeout", 30, 1, 3600,
            "seconds from arrival (queue wait plus capture) until an unfinished request is answered 504");
    public static final IntField MAX_QUEUE_SIZE = new IntField(
            SECTION + ".max_queue_size", 100, 0, 1_000_000,
            "requests that may wait for a capture slot; a request arriving at a full queue gets 429");

    public static final List<ConfigField> FIELDS = List.of(MAX_CONCURRENT, DEFAULT_TIMEOUT, MAX_QUEUE_SIZE);

    public ScreenshotQueueConfig {
        MAX_CONCURRENT.check(maxConcurrent);
        Durations.checkSeconds(DEFAULT_TIMEOUT, defaultTimeout);
        MAX_QUEUE_SIZE.check(maxQueueSize);
    }

    public static ScreenshotQueueConfig defaults() {
        return read(JsonSection.of(SECTION, null));
    }

    static ScreenshotQueueConfig read(JsonSection section) {
        ScreenshotQueueConfig config = new ScreenshotQueueConfig(
                MAX_CONCURRENT.checkInt(section.readLong(MAX_CONCURRENT)),
                Duration.ofSeconds(DEFAULT_TIMEOUT.check(section.readLong(DEFAULT_TIMEOUT))),
                MAX_QUEUE_SIZE.checkInt(section.readLong(MAX_QUEUE_SIZE)));
        section.rejectUnknownFields();
        return config;
    }

    void writeTo(ObjectNode node) {
        node.put(MAX_CONCURRENT.name(), maxConcurrent);
        node.put(DEFAULT_TIMEOUT.name(), defaultTimeout.toSeconds());
        node.put(MAX_QUEUE_SIZE.name(), maxQueueSize);
    }
}
