package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code mock} section: parameters of the modelled screenshot service. All durations are model
 * milliseconds; the stub waits {@code timeScale} times as long in real time.
 *
 * <p>The capture time of one request is
 * {@code clamp(lognormal(captureMedianMillis, captureLogSd), captureMinMillis, captureMaxMillis)
 * x slow x type x (1 + sigma(n-1) + kappa n(n-1)) + relaunch}, where {@code slow} is {@code slowFactor}
 * with probability {@code slowFraction} and 1 otherwise, {@code type} is 1 for a viewport,
 * {@code fullPageFactor} or {@code elementFactor}, and {@code n} is the number of captures running when
 * this one starts, itself included. {@code MockCaptureModel} documents the defaults' mean and median and
 * why sigma and kappa have their values.
 *
 * @param captureMedianMillis median of the lognormal base capture time
 * @param captureLogSd standard deviation of the natural log of the base capture time
 * @param captureMinMillis lower clamp of the base capture time
 * @param captureMaxMillis upper clamp of the base capture time
 * @param slowFraction probability that a capture is slow
 * @param slowFactor multiplier of a slow capture
 * @param failureFraction probability that a capture fails with 500 when it ends, which the model treats
 *     as a browser crash
 * @param fullPageFactor capture time multiplier of a full-page capture
 * @param elementFactor capture time multiplier of an element capture
 * @param degradationSigma contention coefficient of the Universal Scalability Law
 * @param degradationKappa coherency coefficient of the Universal Scalability Law
 * @param browserLaunchMillis time added to the capture that finds its browser due for relaunch
 * @param memoryBaselineMegabytes modelled resident memory of the service without browsers, in MiB
 * @param memoryPerBrowserMegabytes modelled resident memory of one idle browser, in MiB
 * @param memoryPerCaptureMegabytes modelled extra resident memory of one running capture, in MiB
 * @param timeScale real time per model time, such as 0.1 to run ten times faster
 */
public record MockConfig(
        double captureMedianMillis,
        double captureLogSd,
        double captureMinMillis,
        double captureMaxMillis,
        double slowFraction,
        double slowFactor,
        double failureFraction,
        double fullPageFactor,
        double elementFactor,
        double degradationSigma,
        double degradationKappa,
        double browserLaunchMillis,
        double memoryBaselineMegabytes,
        double memoryPerBrowserMegabytes,
        double memoryPerCaptureMegabytes,
        double timeScale) {

    public static final String SECTION = "mock";

    private static final double MAX_MODEL_MILLIS = 600_000;

    public static final DoubleField CAPTURE_MEDIAN_MILLIS = new DoubleField(
            SECTION + ".capture_median_millis", 600, 0, MAX_MODEL_MILLIS,
            "median of the lognormal base capture time, in ms");
    public static final DoubleField CAPTURE_LOG_SD = new DoubleField(
            SECTION + ".capture_log_sd", 0.5, 0, 5,
            "standard deviation of ln(base capture time); 0 makes the base time constant");
    public static final DoubleField CAPTURE_MIN_MILLIS = new DoubleField(
            SECTION + ".capture_min_millis", 200, 0, MAX_MODEL_MILLIS,
            "lower clamp of the base capture time, in ms");
    public static final DoubleField CAPTURE_MAX_MILLIS = new DoubleField(
            SECTION + ".capture_max_millis", 2000, 0, MAX_MODEL_MILLIS,
            "upper clamp of the base capture time, in ms");
    public static final DoubleField SLOW_FRACTION = new DoubleField(
            SECTION + ".slow_fraction", 0.10, 0, 1,
            "probability that a capture is slow");
    public static final DoubleField SLOW_FACTOR = new DoubleField(
            SECTION + ".slow_factor", 2.5, 1, 100,
            "capture time multiplier of a slow capture");
    public static final DoubleField FAILURE_FRACTION = new DoubleField(
            SECTION + ".failure_fraction", 0.02, 0, 1,
            "probability that a capture fails with 500 when it ends (counted as a browser crash)");
    public static final DoubleField FULL_PAGE_FACTOR = new DoubleField(
            SECTION + ".full_page_factor", 1.6, 0.01, 100,
            "capture time multiplier of type=full_page (viewport is 1)");
    public static final DoubleField ELEMENT_FACTOR = new DoubleField(
            SECTION + ".element_factor", 0.8, 0.01, 100,
            "capture time multiplier of type=element (viewport is 1)");
    public static final DoubleField DEGRADATION_SIGMA = new DoubleField(
            SECTION + ".degradation_sigma", 0.02, 0, 10,
            "USL contention coefficient sigma in 1 + sigma(n-1) + kappa n(n-1)");
    public static final DoubleField DEGRADATION_KAPPA = new DoubleField(
            SECTION + ".degradation_kappa", 0.02, 0, 10,
            "USL coherency coefficient kappa in 1 + sigma(n-1) + kappa n(n-1)");
    public static final DoubleField BROWSER_LAUNCH_MILLIS = new DoubleField(
            SECTION + ".browser_launch_millis", 1500, 0, MAX_MODEL_MILLIS,
            "time added to the capture that relaunches its browser (age limit, crash or hang), in ms");
    public static final DoubleField MEMORY_BASELINE_MB = new DoubleField(
            SECTION + ".memory_baseline_mb", 50, 0, 1_000_000,
            "modelled resident memory of the service without browsers, in MiB");
    public static final DoubleField MEMORY_PER_BROWSER_MB = new DoubleField(
            SECTION + ".memory_per_browser_mb", 120, 0, 1_000_000,
            "modelled resident memory of one idle browser, in MiB");
    public static final DoubleField MEMORY_PER_CAPTURE_MB = new DoubleField(
            SECTION + ".memory_per_capture_mb", 60, 0, 1_000_000,
            "modelled extra resident memory of one running capture, in MiB");
    public static final DoubleField TIME_SCALE = new DoubleField(
            SECTION + ".time_scale", 1, 0.001, 100,
            "real time per model time; 0.1 runs every modelled delay ten times faster");

    public static final List<ConfigField> FIELDS = List.of(
            CAPTURE_MEDIAN_MILLIS, CAPTURE_LOG_SD, CAPTURE_MIN_MILLIS, CAPTURE_MAX_MILLIS,
            SLOW_FRACTION, SLOW_FACTOR, FAILURE_FRACTION, FULL_PAGE_FACTOR, ELEMENT_FACTOR,
            DEGRADATION_SIGMA, DEGRADATION_KAPPA, BROWSER_LAUNCH_MILLIS,
            MEMORY_BASELINE_MB, MEMORY_PER_BROWSER_MB, MEMORY_PER_CAPTURE_MB, TIME_SCALE);

    public MockConfig {
        CAPTURE_MEDIAN_MILLIS.check(captureMedianMillis);
        CAPTURE_LOG_SD.check(captureLogSd);
        CAPTURE_MIN_MILLIS.check(captureMinMillis);
        CAPTURE_MAX_MILLIS.check(captureMaxMillis);
        if (captureMaxMillis < captureMinMillis) {
            throw InvalidConfigException.forField(
                    CAPTURE_MAX_MILLIS.path(), DoubleField.format(captureMaxMillis),
                    "at least " + CAPTURE_MIN_MILLIS.path() + " = " + DoubleField.format(captureMinMillis));
        }
        if (captureMedianMillis < captureMinMillis || captureMedianMillis > captureMaxMillis) {
            throw InvalidConfigException.forField(
                    CAPTURE_MEDIAN_MILLIS.path(), DoubleField.format(captureMedianMillis),
                    DoubleField.format(captureMinMillis) + ".." + DoubleField.format(captureMaxMillis)
                            + " (" + CAPTURE_MIN_MILLIS.name() + ".." + CAPTURE_MAX_MILLIS.name() + ")");
        }
        SLOW_FRACTION.check(slowFraction);
        SLOW_FACTOR.check(slowFactor);
        FAILURE_FRACTION.check(failureFraction);
        FULL_PAGE_FACTOR.check(fullPageFactor);
        ELEMENT_FACTOR.check(elementFactor);
        DEGRADATION_SIGMA.check(degradationSigma);
        DEGRADATION_KAPPA.check(degradationKappa);
        BROWSER_LAUNCH_MILLIS.check(browserLaunchMillis);
        MEMORY_BASELINE_MB.check(memoryBaselineMegabytes);
        MEMORY_PER_BROWSER_MB.check(memoryPerBrowserMegabytes);
        MEMORY_PER_CAPTURE_MB.check(memoryPerCaptureMegabytes);
        TIME_SCALE.check(timeScale);
    }

    public static MockConfig defaults() {
        return read(JsonSection.of(SECTION, null));
    }

    /** Returns a copy with another {@code time_scale}, for fast tests and simulations. */
    public MockConfig withTimeScale(double newTimeScale) {
        return new MockConfig(
                captureMedianMillis, captureLogSd, captureMinMillis, captureMaxMillis,
                slowFraction, slowFactor, failureFraction, fullPageFactor, elementFactor,
                degradationSigma, degradationKappa, browserLaunchMillis,
                memoryBaselineMegabytes, memoryPerBrowserMegabytes, memoryPerCaptureMegabytes, newTimeScale);
    }

    static MockConfig read(JsonSection section) {
        MockConfig config = new MockConfig(
                section.readDouble(CAPTURE_MEDIAN_MILLIS),
                section.readDouble(CAPTURE_LOG_SD),
                section.readDouble(CAPTURE_MIN_MILLIS),
                section.readDouble(CAPTURE_MAX_MILLIS),
                section.readDouble(SLOW_FRACTION),
                section.readDouble(SLOW_FACTOR),
                section.readDouble(FAILURE_FRACTION),
                section.readDouble(FULL_PAGE_FACTOR),
                section.readDouble(ELEMENT_FACTOR),
                section.readDouble(DEGRADATION_SIGMA),
                section.readDouble(DEGRADATION_KAPPA),
                section.readDouble(BROWSER_LAUNCH_MILLIS),
                section.readDouble(MEMORY_BASELINE_MB),
                section.readDouble(MEMORY_PER_BROWSER_MB),
                section.readDouble(MEMORY_PER_CAPTURE_MB),
                section.readDouble(TIME_SCALE));
        section.rejectUnknownFields();
        return config;
    }

    void writeTo(ObjectNode node) {
        node.put(CAPTURE_MEDIAN_MILLIS.name(), captureMedianMillis);
        node.put(CAPTURE_LOG_SD.name(), captureLogSd);
        node.put(CAPTURE_MIN_MILLIS.name(), captureMinMillis);
        node.put(CAPTURE_MAX_MILLIS.name(), captureMaxMillis);
        node.put(SLOW_FRACTION.name(), slowFraction);
        node.put(SLOW_FACTOR.name(), slowFactor);
        node.put(FAILURE_FRACTION.name(), failureFraction);
        node.put(FULL_PAGE_FACTOR.name(), fullPageFactor);
        node.put(ELEMENT_FACTOR.name(), elementFactor);
        node.put(DEGRADATION_SIGMA.name(), degradationSigma);
        node.put(DEGRADATION_KAPPA.name(), degradationKappa);
        node.put(BROWSER_LAUNCH_MILLIS.name(), browserLaunchMillis);
        node.put(MEMORY_BASELINE_MB.name(), memoryBaselineMegabytes);
        node.put(MEMORY_PER_BROWSER_MB.name(), memoryPerBrowserMegabytes);
        node.put(MEMORY_PER_CAPTURE_MB.name(), memoryPerCaptureMegabytes);
        node.put(TIME_SCALE.name(), timeScale);
    }
}
