package io.shotload.stub.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole stub configuration: one immutable record per section of the JSON file plus the top-level
 * {@code seed}.
 *
 * <p>Every section and field is optional, so a file with only some sections is valid and the rest take
 * their defaults. Unknown fields, wrong types and out-of-range values are rejected with an
 * {@link InvalidConfigException}. To add a section, add a record with {@code read} and {@code writeTo}
 * like {@link BrowserPoolConfig}, a component here, and one line in {@link #fromJson} and {@link #toJson}.
 *
 * @param browserPool the {@code browser_pool} section
 * @param screenshotQueue the {@code screenshot_queue} section
 * @param resourceLimits the {@code resource_limits} section
 * @param monitoring the {@code monitoring} section
 * @param mock the {@code mock} section, used only by the mock backend
 * @param chromium the {@code chromium} section, used only by the chromium backend
 * @param urlPolicy the {@code url_policy} section: which URLs the chromium backend may load
 * @param seed the seed of every random draw of the mock model
 */
public record StubConfig(
        BrowserPoolConfig browserPool,
        ScreenshotQueueConfig screenshotQueue,
        ResourceLimitsConfig resourceLimits,
        MonitoringConfig monitoring,
        MockConfig mock,
        ChromiumConfig chromium,
        UrlPolicyConfig urlPolicy,
        long seed) {

    public static final IntField SEED = new IntField(
            "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE,
            "seed of every random draw of the mock model; the same seed gives the same draws");

    private static final List<String> SECTIONS = List.of(
            BrowserPoolConfig.SECTION, ScreenshotQueueConfig.SECTION, ResourceLimitsConfig.SECTION,
            MonitoringConfig.SECTION, MockConfig.SECTION, ChromiumSections.CHROMIUM, ChromiumSections.URL_POLICY);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public StubConfig {
        Objects.requireNonNull(browserPool, BrowserPoolConfig.SECTION);
        Objects.requireNonNull(screenshotQueue, ScreenshotQueueConfig.SECTION);
        Objects.requireNonNull(resourceLimits, ResourceLimitsConfig.SECTION);
        Objects.requireNonNull(monitoring, MonitoringConfig.SECTION);
        Objects.requireNonNull(mock, MockConfig.SECTION);
        Objects.requireNonNull(chromium, ChromiumSections.CHROMIUM);
        Objects.requireNonNull(urlPolicy, ChromiumSections.URL_POLICY);
    }

    /** Returns the configuration with every field at its default. */
    public static StubConfig defaults() {
        return parse("{}");
    }

    /** Reads a JSON config file; throws {@link InvalidConfigException} when it is unreadable or invalid. */
    public static StubConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidConfigException.unreadable(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").", e);
        }
        return parse(text);
    }

    /** Parses JSON config text; throws {@link InvalidConfigException} when it is malformed or invalid. */
    public static StubConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw InvalidConfigException.unreadable("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ".", e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw InvalidConfigException.unreadable(
                    "expected a JSON object at the top level, found " + (root == null ? "nothing" : root.getNodeType()) + ".",
                    null);
        }
        return fromJson((ObjectNode) root);
    }

    /**
     * A top-level object of explanations, field path to text, that the post-processor writes into the
     * production configs it derives. The stub checks its shape and otherwise ignores it, so such a file
     * loads as it is.
     */
    public static final String BASIS = "basis";

    private static StubConfig fromJson(ObjectNode root) {
        JsonSection top = JsonSection.of("", root);
        top.registerKnown(SECTIONS);
        top.registerKnown(List.of(BASIS));
        JsonNode basis = root.get(BASIS);
        if (basis != null && !basis.isObject()) {
            throw InvalidConfigException.forField(BASIS, basis.toString(),
                    "an object mapping field paths to explanations, which the stub ignores");
        }
        StubConfig config = new StubConfig(
                BrowserPoolConfig.read(JsonSection.of(BrowserPoolConfig.SECTION, root.get(BrowserPoolConfig.SECTION))),
                ScreenshotQueueConfig.read(JsonSection.of(ScreenshotQueueConfig.SECTION, root.get(ScreenshotQueueConfig.SECTION))),
                ResourceLimitsConfig.read(JsonSection.of(ResourceLimitsConfig.SECTION, root.get(ResourceLimitsConfig.SECTION))),
                MonitoringConfig.read(JsonSection.of(MonitoringConfig.SECTION, root.get(MonitoringConfig.SECTION))),
                MockConfig.read(JsonSection.of(MockConfig.SECTION, root.get(MockConfig.SECTION))),
                BoundSections.read(ChromiumSections.CHROMIUM, root.get(ChromiumSections.CHROMIUM),
                        ChromiumConfig.class, ChromiumConfig.DEFAULTS, ChromiumSections.CHROMIUM_FIELDS),
                BoundSections.read(ChromiumSections.URL_POLICY, root.get(ChromiumSections.URL_POLICY),
                        UrlPolicyConfig.class, UrlPolicyConfig.DEFAULTS, ChromiumSections.URL_POLICY_FIELDS),
                top.readLong(SEED));
        top.rejectUnknownFields();
        return config;
    }

    /** Returns the effective configuration in the file layout, with every field present. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        browserPool.writeTo(root.putObject(BrowserPoolConfig.SECTION));
        screenshotQueue.writeTo(root.putObject(ScreenshotQueueConfig.SECTION));
        resourceLimits.writeTo(root.putObject(ResourceLimitsConfig.SECTION));
        monitoring.writeTo(root.putObject(MonitoringConfig.SECTION));
        mock.writeTo(root.putObject(MockConfig.SECTION));
        root.set(ChromiumSections.CHROMIUM, BoundSections.write(chromium));
        root.set(ChromiumSections.URL_POLICY, BoundSections.write(urlPolicy));
        root.put(SEED.name(), seed);
        return root;
    }

    /** Returns every field of every section, in file order, for help text and documentation. */
    public static List<ConfigField> fields() {
        List<ConfigField> fields = new ArrayList<>();
        fields.addAll(BrowserPoolConfig.FIELDS);
        fields.addAll(ScreenshotQueueConfig.FIELDS);
        fields.addAll(ResourceLimitsConfig.FIELDS);
        fields.addAll(MonitoringConfig.FIELDS);
        fields.addAll(MockConfig.FIELDS);
        fields.addAll(ChromiumSections.CHROMIUM_FIELDS);
        fields.addAll(ChromiumSections.URL_POLICY_FIELDS);
        fields.add(SEED);
        return List.copyOf(fields);
    }

    public StubConfig withScreenshotQueue(ScreenshotQueueConfig newScreenshotQueue) {
        return new StubConfig(browserPool, newScreenshotQueue, resourceLimits, monitoring, mock, chromium, urlPolicy, seed);
    }

    public StubConfig withBrowserPool(BrowserPoolConfig newBrowserPool) {
        return new StubConfig(newBrowserPool, screenshotQueue, resourceLimits, monitoring, mock, chromium, urlPolicy, seed);
    }

    public StubConfig withMock(MockConfig newMock) {
        return new StubConfig(browserPool, screenshotQueue, resourceLimits, monitoring, newMock, chromium, urlPolicy, seed);
    }

    public StubConfig withSeed(long newSeed) {
        return new StubConfig(browserPool, screenshotQueue, resourceLimits, monitoring, mock, chromium, urlPolicy, newSeed);
    }

    public StubConfig withChromium(ChromiumConfig newChromium) {
        return new StubConfig(browserPool, screenshotQueue, resourceLimits, monitoring, mock, newChromium, urlPolicy, seed);
    }

    public StubConfig withUrlPolicy(UrlPolicyConfig newUrlPolicy) {
        return new StubConfig(browserPool, screenshotQueue, resourceLimits, monitoring, mock, chromium, newUrlPolicy, seed);
    }
}
