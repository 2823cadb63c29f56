package io.shotload.analysis.scalability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/** Input validation and trust warnings for {@link UslFit}, with the rules described there. */
final class UslChecks {

    private UslChecks() {
    }

    /** Rejects inputs that {@link UslFit} cannot fit, naming the first invalid value. */
    static void validate(double[] concurrency, double[] throughput, double[] weights) {
        if (concurrency == null || throughput == null) {
            throw new IllegalArgumentException("Invalid USL input: concurrency and throughput are required; got "
                    + (concurrency == null ? "concurrency = null" : "throughput = null") + ".");
        }
        if (concurrency.length != throughput.length) {
            throw new IllegalArgumentException("Invalid USL input: concurrency has " + concurrency.length
                    + " values and throughput has " + throughput.length + "; expected one throughput per concurrency.");
        }
        if (weights != null && weights.length != concurrency.length) {
            throw new IllegalArgumentException("Invalid USL input: weights has " + weights.length
                    + " values for " + concurrency.length + " points; expected one weight per point.");
        }

        boolean anyThroughput = false;
        for (int i = 0; i < concurrency.length; i++) {
            if (!(concurrency[i] > 0.0) || Double.isInfinite(concurrency[i])) {
                throw new IllegalArgumentException("Invalid USL input: concurrency[" + i + "] = " + concurrency[i]
                        + "; expected a finite number of users > 0.");
            }
            if (!(throughput[i] >= 0.0) || Double.isInfinite(throughput[i])) {
                throw new IllegalArgumentException("Invalid USL input: throughput[" + i + "] = " + throughput[i]
                        + "; expected a finite value >= 0.");
            }
            if (weights != null && (!(weights[i] > 0.0) || Double.isInfinite(weights[i]))) {
                throw new IllegalArgumentException("Invalid USL input: weights[" + i + "] = " + weights[i]
                        + "; expected a finite value > 0.");
            }
            anyThroughput |= throughput[i] > 0.0;
        }

        Set<Double> distinct = new HashSet<>();
        for (double users : concurrency) {
            distinct.add(users);
        }
        if (distinct.size() < 3) {
            throw new IllegalArgumentException("Invalid USL input: found " + distinct.size()
                    + " distinct concurrency value(s) among " + concurrency.length + " point(s); expected at"
                    + " least 3 to fit the 3 USL parameters. Measure throughput at more concurrency levels.");
        }
        if (!anyThroughput) {
            throw new IllegalArgumentException("Invalid USL input: every throughput value is 0; expected"
                    + " completed work at some concurrency level.");
        }
    }

    /** Returns the number of distinct concurrency levels after rounding N to the level grid. */
    static int concurrencyLevels(double[] concurrency) {
        Set<Long> levels = new HashSet<>();
        for (double users : concurrency) {
            levels.add(Math.round(users / UslFit.LEVEL_ROUNDING_STEP));
        }
        return levels.size();
    }

    /**
     * Returns the warnings about level count, extrapolated peak, large standard errors and pinned
     * coefficients. A coefficient counts as pinned when {@link UslFit} has snapped it to 0.
     */
    static List<UslWarning> trustWarnings(UslModel model, double[] concurrency) {
        List<UslWarning> warnings = new ArrayList<>();

        int levels = concurrencyLevels(concurrency);
        if (levels < UslFit.MIN_TRUSTED_LEVELS) {
            warnings.add(new UslWarning(UslWarning.Code.TOO_FEW_CONCURRENCY_LEVELS, "Only " + levels
                    + " distinct concurrency levels were measured (N rounded to " + UslFit.LEVEL_ROUNDING_STEP
                    + "), and a trustworthy USL fit needs at least " + UslFit.MIN_TRUSTED_LEVELS
                    + ". Add load steps."));
        }

        double minConcurrency = Double.POSITIVE_INFINITY;
        double maxConcurrency = 0.0;
        for (double users : concurrency) {
            minConcurrency = Math.min(minConcurrency, users);
            maxConcurrency = Math.max(maxConcurrency, users);
        }

        OptionalDouble peak = model.peakConcurrency();
        if (peak.isPresent() && peak.getAsDouble() > maxConcurrency) {
            warnings.add(new UslWarning(UslWarning.Code.PEAK_BEYOND_MEASURED_RANGE, String.format(Locale.ROOT,
                    "The peak concurrency N* = %.1f users lies beyond the largest measured concurrency %.1f,"
                            + " so N* and the peak throughput are extrapolated. Test closer to N* to confirm.",
                    peak.getAsDouble(), maxConcurrency)));
        }
        if (peak.isPresent() && peak.getAsDouble() < minConcurrency) {
            warnings.add(new UslWarning(UslWarning.Code.PEAK_BELOW_MEASURED_RANGE, String.format(Locale.ROOT,
                    "The peak concurrency N* = %.1f users lies below the smallest measured concurrency %.1f,"
                            + " so N* and the peak throughput are extrapolated. Test at lower concurrency.",
                    peak.getAsDouble(), minConcurrency)));
        }

        List<String> uncertain = new ArrayList<>();
        addIfUncertain(uncertain, "lambda", model.lambda(), model.lambdaStandardError());
        addIfUncertain(uncertain, "sigma", model.sigma(), model.sigmaStandardError());
        addIfUncertain(uncertain, "kappa", model.kappa(), model.kappaStandardError());
        if (!uncertain.isEmpty()) {
            warnings.add(new UslWarning(UslWarning.Code.LARGE_STANDARD_ERROR, "The standard error exceeds the"
                    + " value for " + String.join(", ", uncertain) + ", so the data do not determine "
                    + (uncertain.size() == 1 ? "it" : "them") + ". Measure more levels on both sides of the peak."));
        }

        if (model.sigma() == 0.0) {
            warnings.add(new UslWarning(UslWarning.Code.SIGMA_AT_BOUND, String.format(Locale.ROOT,
                    "sigma is at its lower bound 0, so the data show no contention and the standard error"
                            + " of sigma (%.3g) is only indicative.", model.sigmaStandardError())));
        }
        if (model.kappa() == 0.0) {
            warnings.add(new UslWarning(UslWarning.Code.KAPPA_AT_BOUND, String.format(Locale.ROOT,
                    "kappa is at its lower bound 0, so the data show no coherency delay, the model has no"
                            + " peak and the standard error of kappa (%.3g) is only indicative.",
                    model.kappaStandardError())));
        }
        return warnings;
    }

    private static void addIfUncertain(List<String> uncertain, String name, double value, double standardError) {
        if (value > 0.0 && standardError > value) {
            uncertain.add(String.format(Locale.ROOT, "%s (%.3g +/- %.3g)", name, value, standardError));
        }
    }
}
