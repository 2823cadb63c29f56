package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The {@code browser_pool} section: how many browsers run and when they are replaced.
 *
 * @param maxPoolSize browsers kept launched; captures share them, several pages per browser
 * @param maxBrowserAge age after which a browser is relaunched before its next capture
 * @param browserTimeout longest a single capture may run before the browser counts as hung
 */
public record BrowserPoolConfig(int maxPoolSize, Duration maxBrowserAge, Duration browserTimeout) {

    public static final String SECTION = "browser_pool";

    public static final IntField MAX_POOL_SIZE = new IntField(
            SECTION + ".max_pool_size", 5, 1, 1000,
            "browsers kept launched; concurrent captures share them as pages");
    public static final IntField MAX_BROWSER_AGE_SECONDS = new IntField(
            SECTION + ".max_browser_age_seconds", 300, 1, 86_400,
            "seconds after launch when a browser is relaunched before its next capture");
    public static final IntField BROWSER_TIMEOUT_SECONDS = new IntField(
            SECTION + ".browser_timeout_seconds", 20, 1, 3600,
            "seconds a single capture may run; longer ones fail with 500 and the browser is recycled");

    public static final List<ConfigField> FIELDS = List.of(MAX_POOL_SIZE, MAX_BROWSER_AGE_SECONDS, BROWSER_TIMEOUT_SECONDS);

    public BrowserPoolConfig {
        MAX_POOL_SIZE.check(maxPoolSize);
        Durations.checkSeconds(MAX_BROWSER_AGE_SECONDS, maxBrowserAge);
        Durations.checkSeconds(BROWSER_TIMEOUT_SECONDS, browserTimeout);
    }

    public static BrowserPoolConfig defaults() {
        return read(JsonSection.of(SECTION, null));
    }

    static BrowserPoolConfig read(JsonSection section) {
        BrowserPoolConfig config = new BrowserPoolConfig(
                MAX_POOL_SIZE.checkInt(section.readLong(MAX_POOL_SIZE)),
                Duration.ofSeconds(MAX_BROWSER_AGE_SECONDS.check(section.readLong(MAX_BROWSER_AGE_SECONDS))),
                Duration.ofSeconds(BROWSER_TIMEOUT_SECONDS.check(section.readLong(BROWSER_TIMEOUT_SECONDS))));
        section.rejectUnknownFields();
        return config;
    }

    void writeTo(ObjectNode node) {
        node.put(MAX_POOL_SIZE.name(), maxPoolSize);
        node.put(MAX_BROWSER_AGE_SECONDS.name(), maxBrowserAge.toSeconds());
        node.put(BROWSER_TIMEOUT_SECONDS.name(), browserTimeout.toSeconds());
    }
}
