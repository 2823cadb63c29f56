package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The {@code monitoring} section: the stub's own alert log lines.
 *
 * @param enablePerformanceMonitoring whether the stub checks its error rate and mean response time every
 *     monitoring window and logs a warning when a threshold is exceeded
 * @param errorRateThresholdPercent share of {@code /screenshot} responses with status 429 or 5xx, in percent,
 *     above which a warning is logged
 * @param averageResponseTimeThreshold mean {@code /screenshot} response time above which a warning is logged
 */
public record MonitoringConfig(
        boolean enablePerformanceMonitoring, double errorRateThresholdPercent, Duration averageResponseTimeThreshold) {

    public static final String SECTION = "monitoring";
    public static final String ALERT_THRESHOLDS = "alert_thresholds";

    public static final BooleanField ENABLE_PERFORMANCE_MONITORING = new BooleanField(
            SECTION + ".enable_performance_monitoring", true,
            "log a warning when a threshold below is exceeded over a 10 s window");
    public static final DoubleField ERROR_RATE_PERCENT = new DoubleField(
            SECTION + "." + ALERT_THRESHOLDS + ".error_rate_percent", 20, 0, 100,
            "percent of /screenshot responses with status 429 or 5xx above which a warning is logged");
    public static final IntField AVG_RESPONSE_TIME_MS = new IntField(
            SECTION + "." + ALERT_THRESHOLDS + ".avg_response_time_ms", 8000, 1, 3_600_000,
            "mean /screenshot response time in ms above which a warning is logged");

    public static final List<ConfigField> FIELDS =
            List.of(ENABLE_PERFORMANCE_MONITORING, ERROR_RATE_PERCENT, AVG_RESPONSE_TIME_MS);

    public MonitoringConfig {
        ERROR_RATE_PERCENT.check(errorRateThresholdPercent);
        if (averageResponseTimeThreshold.getNano() % 1_000_000 != 0) {
            throw InvalidConfigException.forField(
                    AVG_RESPONSE_TIME_MS.path(), averageResponseTimeThreshold.toString(),
                    "whole milliseconds " + AVG_RESPONSE_TIME_MS.allowedText());
        }
        AVG_RESPONSE_TIME_MS.check(averageResponseTimeThreshold.toMillis());
    }

    public static MonitoringConfig defaults() {
        return read(JsonSection.of(SECTION, null));
    }

    static MonitoringConfig read(JsonSection section) {
        boolean enabled = section.readBoolean(ENABLE_PERFORMANCE_MONITORING);
        JsonSection thresholds = section.child(ALERT_THRESHOLDS);
        MonitoringConfig config = new MonitoringConfig(
                enabled,
                ERROR_RATE_PERCENT.check(thresholds.readDouble(ERROR_RATE_PERCENT)),
                Duration.ofMillis(AVG_RESPONSE_TIME_MS.check(thresholds.readLong(AVG_RESPONSE_TIME_MS))));
        thresholds.rejectUnknownFields();
        section.rejectUnknownFields();
        return config;
    }

    void writeTo(ObjectNode node) {
        node.put(ENABLE_PERFORMANCE_MONITORING.name(), enablePerformanceMonitoring);
        ObjectNode thresholds = node.putObject(ALERT_THRESHOLDS);
        thresholds.put(ERROR_RATE_PERCENT.name(), errorRateThresholdPercent);
        thresholds.put(AVG_RESPONSE_TIME_MS.name(), averageResponseTimeThreshold.toMillis());
    }
}
