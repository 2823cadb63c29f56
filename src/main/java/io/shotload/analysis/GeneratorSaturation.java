package io.shotload.analysis;

import io.shotload.run.GeneratorSample;
import java.util.List;
import java.util.Locale;

/**
 * Whether the load generator itself was the bottleneck. A Gatling JVM short of CPU sends late and
 * times its own queueing, so latency and throughput then describe the generator, not the target.
 *
 * <p>Rule: a sample is saturated when the JVM's process CPU load (0..1 of all cores) is above
 * {@link AnalysisSettings#generatorCpuSaturation()} (0.9 by default); the run is flagged when more than
 * {@link AnalysisSettings#generatorSaturatedSamplesPercent()} (20%) of the samples with a known CPU load
 * are saturated. Samples with a negative load (unknown) are left out; with none left the check is not run.
 *
 * @param status passed, warning (saturated) or not_run (no CPU readings)
 * @param samples generator samples with a known CPU load
 * @param saturatedSamples those above the CPU threshold
 * @param saturatedPercent {@code 100 x saturatedSamples / samples}; {@code null} when no samples
 * @param maxProcessCpuLoad the highest process CPU load seen; {@code null} when no samples
 * @param message one sentence for the report
 */
public record GeneratorSaturation(
        CheckStatus status,
        int samples,
        int saturatedSamples,
        Double saturatedPercent,
        Double maxProcessCpuLoad,
        String message) {

    /** Applies the rule above to the run's generator samples. */
    public static GeneratorSaturation check(List<GeneratorSample> generatorSamples, AnalysisSettings settings) {
        int known = 0;
        int saturated = 0;
        double max = 0;
        for (GeneratorSample sample : generatorSamples) {
            double load = sample.processCpuLoad();
            if (!Double.isFinite(load) || load < 0) {
                continue;
            }
            known++;
            max = Math.max(max, load);
            if (load > settings.generatorCpuSaturation()) {
                saturated++;
            }
        }
        if (known == 0) {
            return new GeneratorSaturation(CheckStatus.NOT_RUN, 0, 0, null, null,
                    "Not checked: the run data has no generator CPU readings.");
        }
        double percent = 100.0 * saturated / known;
        boolean flagged = percent > settings.generatorSaturatedSamplesPercent();
        String message = String.format(Locale.ROOT,
                "%s: %d of %d generator samples (%.1f%%) had a process CPU load above %s; the limit is %s%% of "
                        + "samples.%s",
                flagged ? "Generator saturated" : "Generator not saturated", saturated, known, percent,
                Setting.format(settings.generatorCpuSaturation()),
                Setting.format(settings.generatorSaturatedSamplesPercent()),
                flagged ? " Run Gatling on a machine with more free CPU, or with fewer users per generator." : "");
        return new GeneratorSaturation(flagged ? CheckStatus.WARNING : CheckStatus.PASSED, known, saturated,
                Numbers.round(percent, 2), Numbers.round(max, 3), message);
    }
}
