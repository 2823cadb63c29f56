package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code resource_limits} section: limits a real browser backend applies to each browser.
 *
 * <p>NOTE: the mock backend reports these in {@code /config} but does not enforce them; its memory
 * figures come from the {@code mock} section.
 *
 * @param memoryLimitMegabytesPerBrowser memory cap of one browser process, in MiB
 * @param cpuLimitPercent CPU share one browser may use, in percent of one core
 */
public record ResourceLimitsConfig(int memoryLimitMegabytesPerBrowser, int cpuLimitPercent) {

    public static final String SECTION = "resource_limits";

    public static final IntField MEMORY_LIMIT_MB_PER_BROWSER = new IntField(
            SECTION + ".memory_limit_mb_per_browser", 512, 64, 65_536,
            "memory cap of one browser process, in MiB");
    public static final IntField CPU_LIMIT_PERCENT = new IntField(
            SECTION + ".cpu_limit_percent", 80, 1, 100,
            "CPU share one browser may use, in percent of one core");

    public static final List<ConfigField> FIELDS = List.of(MEMORY_LIMIT_MB_PER_BROWSER, CPU_LIMIT_PERCENT);

    public ResourceLimitsConfig {
        MEMORY_LIMIT_MB_PER_BROWSER.check(memoryLimitMegabytesPerBrowser);
        CPU_LIMIT_PERCENT.check(cpuLimitPercent);
    }

    public static ResourceLimitsConfig defaults() {
        return read(JsonSection.of(SECTION, null));
    }

    static ResourceLimitsConfig read(JsonSection section) {
        ResourceLimitsConfig config = new ResourceLimitsConfig(
                MEMORY_LIMIT_MB_PER_BROWSER.checkInt(section.readLong(MEMORY_LIMIT_MB_PER_BROWSER)),
                CPU_LIMIT_PERCENT.checkInt(section.readLong(CPU_LIMIT_PERCENT)));
        section.rejectUnknownFields();
        return config;
    }

    void writeTo(ObjectNode node) {
        node.put(MEMORY_LIMIT_MB_PER_BROWSER.name(), memoryLimitMegabytesPerBrowser);
        node.put(CPU_LIMIT_PERCENT.name(), cpuLimitPercent);
    }
}
