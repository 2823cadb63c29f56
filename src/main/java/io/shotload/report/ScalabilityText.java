package io.shotload.report;

import io.shotload.analysis.ModelCrossCheck;
import io.shotload.analysis.Scalability;
import io.shotload.analysis.ScenarioConfidence;
import java.util.Locale;

/** Sentences about the scalability model and the confidence intervals, shared by the text reports. */
final class ScalabilityText {

    private ScalabilityText() {}

    /** Returns the fit in one line, such as {@code N* = 10.8 users, peak 3.71 successful responses/s, ...}. */
    static String fitLine(Scalability scalability) {
        if (scalability == null) {
            return "not fitted: no scenario ran";
        }
        if (!scalability.fitted()) {
            return "not fitted: " + scalability.reason();
        }
        String peak = scalability.peakConcurrencyUsers() == null
                ? "no peak within the model (kappa = 0 or sigma >= 1)"
                : String.format(Locale.ROOT, "N* = %.1f users, peak %s %s", scalability.peakConcurrencyUsers(),
                        Format.number(scalability.peakThroughputRps(), 2), scalability.throughputUnit());
        return String.format(Locale.ROOT, "%s; lambda %s, sigma %s, kappa %s, R^2 %s (%d points, %d levels)", peak,
                coefficient(scalability.lambda()), coefficient(scalability.sigma()), coefficient(scalability.kappa()),
                Format.number(scalability.rSquared(), 3), scalability.points().size(),
                scalability.concurrencyLevels());
    }

    /** Returns the fit against in-service concurrency in one line, or {@code null} when it was not fitted. */
    static String serviceLine(Scalability scalability) {
        if (scalability == null || scalability.serviceConcurrency() == null
                || !Scalability.FITTED.equals(scalability.serviceConcurrency().status())) {
            return null;
        }
        Scalability.ServiceModel model = scalability.serviceConcurrency();
        String peak = model.peakConcurrency() == null
                ? "no peak within the model"
                : String.format(Locale.ROOT, "N* = %.1f concurrent requests", model.peakConcurrency());
        return String.format(Locale.ROOT, "%s; sigma %s, kappa %s, R^2 %s", peak, coefficient(model.sigma()),
                coefficient(model.kappa()), Format.number(model.rSquared(), 3));
    }

    /** Returns the cross-check's verdict in one line. */
    static String crossCheckLine(Scalability scalability) {
        if (scalability == null || scalability.crossCheck() == null) {
            return Format.NOT_AVAILABLE;
        }
        ModelCrossCheck check = scalability.crossCheck();
        if (ModelCrossCheck.NO_REFERENCE.equals(check.status())) {
            return "no rule-based optimum to compare with";
        }
        return (check.disagreement() ? "DISAGREES with" : "agrees with") + " the rule-based optimum of "
                + check.ruleOptimalUsers() + " users (USL peak " + users(check.peakConcurrencyUsers())
                + ", throughput knee " + users(check.throughputKneeUsers()) + ", latency knee "
                + users(check.latencyKneeUsers()) + "); the recommendation follows the rules";
    }

    /** Formats a coefficient as {@code value +/- standard error} with 3 significant digits. */
    static String coefficient(Scalability.Coefficient coefficient) {
        if (coefficient == null) {
            return Format.NOT_AVAILABLE;
        }
        String value = String.format(Locale.ROOT, "%.3g", coefficient.value());
        return coefficient.standardError() == null
                ? value + " +/- n/a"
                : value + " +/- " + String.format(Locale.ROOT, "%.2g", coefficient.standardError());
    }

    /** Formats a percentile with its interval, such as {@code 2089 (1957-2283)}, or the missing sample count. */
    static String percentile(ScenarioConfidence.PercentileInterval interval) {
        if (interval == null) {
            return Format.NOT_AVAILABLE;
        }
        if (interval.insufficientSamples()) {
            return "n/a (" + interval.samples() + " of " + interval.required() + " samples)";
        }
        return Format.integer(interval.value()) + " (" + Format.number(interval.lowerMs(), 0) + "-"
                + Format.number(interval.upperMs(), 0) + ")";
    }

    /** Formats a mean with its interval, such as {@code 4.32 (4.25-4.39)}. */
    static String mean(ScenarioConfidence.MeanInterval interval) {
        if (interval == null || interval.meanRps() == null) {
            return Format.NOT_AVAILABLE;
        }
        if (interval.insufficientSamples()) {
            return Format.number(interval.meanRps(), 2) + " (no interval: " + interval.samples() + " of "
                    + interval.required() + " s)";
        }
        return Format.number(interval.meanRps(), 2) + " (" + Format.number(interval.lowerRps(), 2) + "-"
                + Format.number(interval.upperRps(), 2) + ")";
    }

    private static String users(Double users) {
        return users == null ? "none" : String.format(Locale.ROOT, "%.1f", users);
    }
}
