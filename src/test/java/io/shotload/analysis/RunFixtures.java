package io.shotload.analysis;

import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.GeneratorSample;
import io.shotload.run.Histograms;
import io.shotload.run.RunData;
import io.shotload.run.ScenarioRun;
import io.shotload.run.ScenarioStatus;
import io.shotload.run.SecondSample;
import io.shotload.run.TargetInfo;
import io.shotload.run.TargetSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * Builds synthetic run data for tests: closed-model scenarios whose per-second completions follow
 * Little's law, users / (response time + think time), with log-normal response times and failures
 * drawn from a fixed seed.
 */
public final class RunFixtures {

    /** 2025-10-09T08:53:20Z, the start of every synthetic run. */
    public static final long START_EPOCH_MILLIS = 1_760_000_000_000L;
    /** Log-normal shape of response times: p95/p50 is about exp(1.645 x 0.35) = 1.78. */
    private static final double RESPONSE_SIGMA = 0.35;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private RunFixtures() {}

    public static ScenarioSpec spec(String name, int users, int durationSeconds, int rampUpSeconds) {
        return new ScenarioSpec(name, users, durationSeconds, rampUpSeconds, 1000);
    }

    /** Returns the default plan's shape: 1, 3, 6, 10 and 15 users with 1 s think time. */
    public static List<ScenarioSpec> referenceSpecs() {
        return List.of(
                spec("baseline_single", 1, 30, 0),
                spec("light_load", 3, 45, 10),
                spec("moderate_load", 6, 60, 15),
                spec("heavy_load", 10, 75, 20),
                spec("stress_test", 15, 90, 30));
    }

    /**
     * Starts a run shaped like the reference: throughput rises to its peak at 10 users and collapses at 15,
     * where responses take about 9 s and 30% fail.
     */
    public static RunBuilder referenceRun() {
        List<ScenarioSpec> specs = referenceSpecs();
        return new RunBuilder(42)
                .level(specs.get(0), 800, 0.02)
                .level(specs.get(1), 850, 0.02)
                .level(specs.get(2), 950, 0.02)
                .level(specs.get(3), 1300, 0.02)
                .level(specs.get(4), 9000, 0.30);
    }

    /**
     * Starts a run on the reference plan whose throughput follows the Universal Scalability Law
     * X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)) at every active-user count, ramps included,
     * with no failures. The closed loop's mean response time at N users is N / X(N) - think time, by
     * Little's law, so lambda must stay below 1 / think time = 1 per user and second.
     */
    public static RunBuilder uslRun(double lambda, double sigma, double kappa) {
        RunBuilder builder = new RunBuilder(7).responseTimeByUsers(users -> {
            double throughput = lambda * users / (1 + sigma * (users - 1) + kappa * users * (users - 1));
            return 1000.0 * users / throughput - 1000.0;
        });
        for (ScenarioSpec spec : referenceSpecs()) {
            builder.level(spec, builder.responseTimeByUsers.applyAsDouble(spec.users()), 0.0);
        }
        return builder;
    }

    /** One scenario as it should be generated. */
    public record Level(
            ScenarioSpec spec,
            double meanResponseMs,
            double errorFraction,
            double completionFactor,
            ScenarioStatus status,
            String reason) {}

    /** Builds a {@link RunData}; each call adds to the plan in order. */
    public static final class RunBuilder {
        private final Random random;
        private final List<Level> levels = new ArrayList<>();
        private final Set<String> omitted = new HashSet<>();
        private final List<String> warnings = new ArrayList<>();
        private String stopReason;
        private double baseMemoryMb = 400;
        private double memoryPerBrowserMb = 150;
        private double memoryGrowthMbPerMinute;
        private double memorySwingMb;
        private boolean targetMetrics = true;
        private double generatorCpu = 0.3;
        private double saturatedFraction;
        private DoubleUnaryOperator responseTimeByUsers;

        public RunBuilder(long seed) {
            this.random = new Random(seed);
        }

        /** Adds a completed scenario with this mean response time and share of failures. */
        public RunBuilder level(ScenarioSpec spec, double meanResponseMs, double errorFraction) {
            levels.add(new Level(spec, meanResponseMs, errorFraction, 1.0, ScenarioStatus.COMPLETED, null));
            return this;
        }

        /** Adds any level, for example one whose completions break Little's law or that was aborted. */
        public RunBuilder level(Level level) {
            levels.add(level);
            return this;
        }

        public RunBuilder skipped(ScenarioSpec spec, String reason) {
            levels.add(new Level(spec, 0, 0, 0, ScenarioStatus.SKIPPED, reason));
            return this;
        }

        /** Replaces the level of {@code name} with a skipped one, as the simulation does after a breaking point. */
        public RunBuilder skip(String name, String reason) {
            levels.replaceAll(level -> level.spec().name().equals(name)
                    ? new Level(level.spec(), 0, 0, 0, ScenarioStatus.SKIPPED, reason)
                    : level);
            return this;
        }

        /** Keeps {@code name} in the plan but leaves it out of the run data's scenarios. */
        public RunBuilder omit(String name) {
            omitted.add(name);
            return this;
        }

        public RunBuilder memory(double baseMb, double perBrowserMb, double growthMbPerMinute) {
            this.baseMemoryMb = baseMb;
            this.memoryPerBrowserMb = perBrowserMb;
            this.memoryGrowthMbPerMinute = growthMbPerMinute;
            return this;
        }

        /** Adds {@code swingMb} to the memory of even seconds and subtracts it from odd ones. */
        public RunBuilder memorySwing(double swingMb) {
            this.memorySwingMb = swingMb;
            return this;
        }

        public RunBuilder noTargetMetrics() {
            targetMetrics = false;
            return this;
        }

        /** Makes {@code fraction} of the generator samples read a CPU load of 0.97. */
        public RunBuilder saturatedGenerator(double fraction) {
            saturatedFraction = fraction;
            return this;
        }

        /**
         * Makes each second's mean response time, in ms, a function of that second's active users instead
         * of the level's fixed mean, so that ramp-up seconds behave like steady load at that many users.
         */
        public RunBuilder responseTimeByUsers(DoubleUnaryOperator meanResponseMsByUsers) {
            responseTimeByUsers = meanResponseMsByUsers;
            return this;
        }

        public RunBuilder stopReason(String reason) {
            stopReason = reason;
            return this;
        }

        public RunBuilder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        public RunData build() {
            List<ScenarioRun> runs = new ArrayList<>();
            List<TargetSample> targetSamples = new ArrayList<>();
            List<GeneratorSample> generatorSamples = new ArrayList<>();
            long clock = START_EPOCH_MILLIS;
            for (Level level : levels) {
                if (level.status() == ScenarioStatus.SKIPPED) {
                    runs.add(ScenarioRun.skipped(level.spec(), level.reason()));
                    continue;
                }
                runs.add(scenario(level, clock, targetSamples, generatorSamples));
                clock += level.spec().durationSeconds() * 1000L;
            }
            List<ScenarioSpec> specs = levels.stream().map(Level::spec).toList();
            List<ScenarioRun> recorded = runs.stream().filter(run -> !omitted.contains(run.name())).toList();
            return new RunData(RunData.FORMAT_VERSION, "capacitysimulation-20251009085320000", "CapacitySimulation",
                    "3.16.0", START_EPOCH_MILLIS, clock, new TargetInfo("http://127.0.0.1:8080", true, "mock", null),
                    new LoadPlan("reference", "synthetic test plan", specs), recorded, targetSamples, generatorSamples,
                    stopReason, warnings);
        }

        private ScenarioRun scenario(Level level, long start, List<TargetSample> targetSamples,
                List<GeneratorSample> generatorSamples) {
            ScenarioSpec spec = level.spec();
            Histogram all = Histograms.newMillisHistogram();
            Histogram successes = Histograms.newMillisHistogram();
            List<SecondSample> seconds = new ArrayList<>();
            long requests = 0;
            long successCount = 0;
            // A closed loop completes requests at a steady pace, so fractions carry over to the next second.
            double owedCompletions = 0;
            int length = spec.durationSeconds();
            for (int second = 0; second < length; second++) {
                int active = activeUsers(spec, second);
                double meanResponseMs = responseTimeByUsers == null
                        ? level.meanResponseMs()
                        : responseTimeByUsers.applyAsDouble(active);
                double cycleSeconds = (meanResponseMs + spec.thinkTimeMillis()) / 1000.0;
                double rate = active / cycleSeconds * level.completionFactor();
                owedCompletions += rate;
                long count = (long) Math.floor(owedCompletions);
                owedCompletions -= count;
                Histogram secondHistogram = Histograms.newMillisHistogram();
                long secondSuccesses = 0;
                for (long i = 0; i < count; i++) {
                    long millis = responseMillis(meanResponseMs);
                    Histograms.recordMillis(all, millis);
                    Histograms.recordMillis(secondHistogram, millis);
                    if (random.nextDouble() >= level.errorFraction()) {
                        Histograms.recordMillis(successes, millis);
                        secondSuccesses++;
                    }
                }
                long secondStart = start + second * 1000L;
                seconds.add(sample(secondStart, active, count, secondSuccesses, secondHistogram));
                requests += count;
                successCount += secondSuccesses;
                if (targetMetrics) {
                    double minutes = second / 60.0;
                    double swing = second % 2 == 0 ? memorySwingMb : -memorySwingMb;
                    double bytes = (baseMemoryMb + memoryPerBrowserMb * active + memoryGrowthMbPerMinute * minutes
                            + swing) * BYTES_PER_MB;
                    targetSamples.add(new TargetSample(secondStart + 500, bytes, null, 0.0, (double) active,
                            (double) active));
                }
                double cpu = random.nextDouble() < saturatedFraction ? 0.97 : generatorCpu;
                generatorSamples.add(new GeneratorSample(secondStart + 500, cpu, cpu, 100_000_000, 1_000_000_000,
                        active));
            }
            long failures = requests - successCount;
            Map<String, Long> statusCounts = failures > 0
                    ? Map.of("200", successCount, "503", failures)
                    : Map.of("200", successCount);
            return new ScenarioRun(spec, level.status(), level.reason(), start, start + length * 1000L, requests,
                    successCount, failures, statusCounts, failures > 0 ? Map.of("status 503", failures) : Map.of(),
                    successCount * 50_000, Histograms.encode(all), Histograms.encode(successes), seconds);
        }

        private static int activeUsers(ScenarioSpec spec, int second) {
            if (spec.rampUpSeconds() == 0) {
                return spec.users();
            }
            return (int) Math.min(spec.users(), Math.ceil(spec.users() * (second + 1.0) / spec.rampUpSeconds()));
        }

        private long responseMillis(double meanMillis) {
            double factor = Math.exp(RESPONSE_SIGMA * random.nextGaussian() - RESPONSE_SIGMA * RESPONSE_SIGMA / 2);
            return Math.max(1, Math.round(meanMillis * factor));
        }

        private static SecondSample sample(long start, int active, long count, long successes, Histogram histogram) {
            if (count == 0) {
                return new SecondSample(start, active, 0, 0, 0, null, null, null, null, null);
            }
            return new SecondSample(start, active, count, successes, count - successes, histogram.getMean(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }
}
