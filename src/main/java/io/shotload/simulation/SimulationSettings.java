package io.shotload.simulation;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.InvalidSettingException;
import io.shotload.plan.LoadPlan;
import io.shotload.plan.PlanLoader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The simulation's settings, read from {@code -Dshotload.*} system properties. Gatling's Maven plugin
 * forks a JVM for the run; properties given to {@code mvn} with {@code -D} reach it, except
 * {@code gatling.*} ones, which is why shotload uses its own prefix.
 *
 * @param plan the load plan ({@code shotload.plan}: a bundled name or a JSON file)
 * @param baseUrl an external target ({@code shotload.baseUrl}); {@code null} starts the embedded stub
 * @param stubConfig the embedded stub's config file ({@code shotload.stubConfig}); {@code null} for its defaults
 * @param backend the embedded stub's backend ({@code shotload.backend}: mock or chromium)
 * @param resultsDir where Gatling's run folders are ({@code shotload.resultsDir}, set by the pom)
 * @param reportsDir where the post-processor writes its reports ({@code shotload.reportsDir})
 * @param failOn which verdict fails the Gatling run, and so {@code mvn gatling:test} ({@code shotload.failOn})
 * @param analysis the post-processor's thresholds ({@code shotload.<setting>}, see {@link AnalysisSettings})
 * @param openValidation the optional open-model validation stage ({@code shotload.validate=open})
 */
public record SimulationSettings(
        LoadPlan plan,
        URI baseUrl,
        Path stubConfig,
        String backend,
        Path resultsDir,
        Path reportsDir,
        FailOn failOn,
        AnalysisSettings analysis,
        OpenValidation openValidation) {

    public static final String PREFIX = "shotload.";
    public static final String DEFAULT_BACKEND = "mock";
    public static final String BACKENDS = "mock, chromium";
    /** The embedded stub's real-browser backend, which captures the stub's own fixture site. */
    public static final String CHROMIUM_BACKEND = "chromium";
    /** Used when the simulation runs outside Maven, which normally passes the project's folder. */
    public static final String DEFAULT_RESULTS_DIR = "gatling-results";
    public static final String REPORTS_SUBFOLDER = "reports";

    /** The verdicts that end {@code mvn gatling:test} with a build failure. */
    public enum FailOn {
        /** Never: for CI systems that gate on the post-processor's exit code themselves. */
        NEVER,
        /** Only when no valid verdict was possible (exit code 2). The default. */
        CRITICAL,
        /** On warnings too (exit code 1 or 2). */
        WARNING;

        static FailOn parse(String value) {
            for (FailOn candidate : values()) {
                if (candidate.name().equalsIgnoreCase(value)) {
                    return candidate;
                }
            }
            throw new InvalidSettingException("Invalid setting: shotload.failOn = \"" + value
                    + "\"; expected never, critical or warning.");
        }

        /** Returns whether a post-processor exit code should fail the build. */
        public boolean fails(int exitCode) {
            return switch (this) {
                case NEVER -> false;
                case CRITICAL -> exitCode >= 2;
                case WARNING -> exitCode >= 1;
            };
        }
    }

    /**
     * The open-model validation stage, run after the closed-model scenarios when enabled.
     *
     * @param enabled whether {@code shotload.validate=open} was given
     * @param durationSeconds how long the recommended rate is offered ({@code shotload.validateSeconds})
     * @param maxArrivalRatePerSecond the highest rate the stage can offer ({@code shotload.validateMaxRate}):
     *     Gatling creates candidate arrivals at this rate and admits each with the probability that
     *     thins them to the recommended rate
     */
    public record OpenValidation(boolean enabled, int durationSeconds, double maxArrivalRatePerSecond) {

        /** One minute of offered load is enough for a few hundred requests at the rates seen here. */
        public static final int DEFAULT_DURATION_SECONDS = 60;
        /** Far above what a single screenshot service sustains; raise it for a large cluster. */
        public static final double DEFAULT_MAX_ARRIVAL_RATE_PER_SECOND = 50;
        public static final int MAX_DURATION_SECONDS = 3600;
        public static final double MAX_ARRIVAL_RATE_PER_SECOND = 10_000;
    }

    public boolean embeddedStub() {
        return baseUrl == null;
    }

    public static SimulationSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    /**
     * Reads and checks the settings; the plan and the analysis thresholds are validated here, before any
     * load is sent.
     */
    public static SimulationSettings from(Properties properties) {
        LoadPlan plan = PlanLoader.load(properties.getProperty(PREFIX + "plan", PlanLoader.DEFAULT_PLAN));
        URI baseUrl = parseBaseUrl(blankToNull(properties.getProperty(PREFIX + "baseUrl")));
        Path stubConfig = parseStubConfig(blankToNull(properties.getProperty(PREFIX + "stubConfig")));
        String backend = properties.getProperty(PREFIX + "backend", DEFAULT_BACKEND).strip().toLowerCase(Locale.ROOT);
        if (!backend.equals("mock") && !backend.equals("chromium")) {
            throw new InvalidSettingException("Invalid setting: shotload.backend = \"" + backend
                    + "\"; expected one of " + BACKENDS + ".");
        }
        if (baseUrl != null && backend.equals(CHROMIUM_BACKEND)) {
            throw new InvalidSettingException("Invalid settings: shotload.backend = chromium runs real captures in"
                    + " the embedded stub, which does not start when shotload.baseUrl = " + baseUrl
                    + " is set; give only one of them.");
        }
        if (baseUrl != null && stubConfig != null) {
            throw new InvalidSettingException("Invalid settings: shotload.stubConfig = " + stubConfig
                    + " configures the embedded stub, which does not start when shotload.baseUrl = " + baseUrl
                    + " is set; give only one of them.");
        }
        Path resultsDir = Path.of(properties.getProperty(PREFIX + "resultsDir", DEFAULT_RESULTS_DIR));
        String reports = blankToNull(properties.getProperty(PREFIX + "reportsDir"));
        Path reportsDir = reports == null ? resultsDir.resolve(REPORTS_SUBFOLDER) : Path.of(reports);
        FailOn failOn = FailOn.parse(properties.getProperty(PREFIX + "failOn", FailOn.CRITICAL.name()).strip());
        AnalysisSettings analysis = AnalysisSettings.fromProperties(properties);
        return new SimulationSettings(plan, baseUrl, stubConfig, backend, resultsDir, reportsDir, failOn, analysis,
                parseOpenValidation(properties));
    }

    private static OpenValidation parseOpenValidation(Properties properties) {
        String mode = properties.getProperty(PREFIX + "validate", "none").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("open")) {
            throw new InvalidSettingException("Invalid setting: shotload.validate = \"" + mode + "\"; expected none or open.");
        }
        int seconds = (int) parseNumber(properties, "validateSeconds", OpenValidation.DEFAULT_DURATION_SECONDS, 1,
                OpenValidation.MAX_DURATION_SECONDS, true);
        double maxRate = parseNumber(properties, "validateMaxRate", OpenValidation.DEFAULT_MAX_ARRIVAL_RATE_PER_SECOND, 0.1,
                OpenValidation.MAX_ARRIVAL_RATE_PER_SECOND, false);
        return new OpenValidation(mode.equals("open"), seconds, maxRate);
    }

    private static double parseNumber(Properties properties, String name, double fallback, double min, double max,
            boolean integer) {
        String raw = blankToNull(properties.getProperty(PREFIX + name));
        if (raw == null) {
            return fallback;
        }
        String expected = (integer ? "a whole number " : "a number ") + (integer ? (long) min + ".." + (long) max : min + ".." + max);
        try {
            double value = integer ? Long.parseLong(raw) : Double.parseDouble(raw);
            if (Double.isNaN(value) || value < min || value > max) {
                throw new InvalidSettingException("Invalid setting: shotload." + name + " = " + raw + "; expected " + expected + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("Invalid setting: shotload." + name + " = \"" + raw + "\"; expected " + expected + ".");
        }
    }

    /** Checks an external target's base URL: http or https, a host, nothing but an optional port and path. */
    static URI parseBaseUrl(String value) {
        if (value == null) {
            return null;
        }
        if (!value.contains("://")) {
            throw invalidBaseUrl(value, "the scheme must be http or https, and none is given");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalidBaseUrl(value, "it is not a valid URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalidBaseUrl(value, "the scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalidBaseUrl(value, "it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalidBaseUrl(value, "credentials in the URL would be logged; remove them");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidBaseUrl(value, "a query or fragment is not allowed");
        }
        String withoutTrailingSlash = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return URI.create(withoutTrailingSlash);
    }

    private static InvalidSettingException invalidBaseUrl(String value, String reason) {
        return new InvalidSettingException("Invalid setting: shotload.baseUrl = \"" + value + "\"; " + reason
                + ". Expected the service's root, such as http://127.0.0.1:8080.");
    }

    private static Path parseStubConfig(String value) {
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new InvalidSettingException("Invalid setting: shotload.stubConfig = \"" + value
                    + "\"; expected the path of an existing stub config JSON file.");
        }
        return path;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
