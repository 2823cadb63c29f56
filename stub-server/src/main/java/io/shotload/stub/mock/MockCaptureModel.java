package io.shotload.stub.mock;

import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.config.MockConfig;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * The capture time model of the mock backend, in model milliseconds.
 *
 * <h2>Distribution</h2>
 * The base capture time is lognormal with median {@code capture_median_millis} and log standard deviation
 * {@code capture_log_sd}, clamped (not truncated) to {@code [capture_min_millis, capture_max_millis]}.
 * With the defaults (median 600 ms, log sd 0.5, clamp 200..2000 ms) 1.4% of draws are clamped to 200 ms
 * and 0.8% to 2000 ms; the median is 600 ms and the mean 677 ms (the unclamped mean 600 e^(0.5^2/2) = 680 ms).
 * A capture is slow with probability {@code slow_fraction} (10%) and then takes {@code slow_factor}
 * (2.5) times as long, so the viewport mean at one running capture is 677 x (0.9 + 0.1 x 2.5) = 779 ms.
 * Full-page captures take {@code full_page_factor} (1.6) and element captures {@code element_factor}
 * (0.8) times the viewport time. A capture fails with probability {@code failure_fraction} (2%).
 *
 * <h2>Degradation</h2>
 * The time is multiplied by the Universal Scalability Law factor {@code 1 + sigma(n-1) + kappa n(n-1)}
 * (Gunther), with {@code n} the captures running when this one starts, itself included. The factor is
 * fixed at the start and not revised as others start or end.
 *
 * <h2>Why sigma = kappa = 0.02</h2>
 * The default load plan is a closed model: N users, each waiting Z = 1 s after every response, with N
 * in 1, 3, 6, 10, 15. Mean-value analysis with the arrival theorem gives a fixed point. A starting
 * capture finds {@code n = 1 + (N-1) R/(R+Z)} captures running, the mean response time is
 * {@code R = S0 D(n) + relaunch} with D the degradation factor above, and the throughput is
 * {@code X = N/(R+Z)}. S0 is 888 ms for the bundled screenshot jobs: 677 ms base, x1.15 for the slow
 * tenth, x1.14 for their mix of 50% viewport, 30% full-page and 20% element captures. The relaunch term
 * is about 30 ms, because 2% of captures follow a crash and pay the 1500 ms relaunch. The estimate is
 * X = 0.52, 1.52, 2.81, 3.72 and 3.43 req/s for N = 1, 3, 6, 10, 15, with mean response times 0.9, 1.0,
 * 1.1, 1.7 and 3.4 s: the peak lies near 10 users (11 in the estimate), 15 users get less, and 10 users
 * stay under a 2 s average response. A closed loop without think time (Z = 0, n = N) gives 3.78 req/s at
 * 10 clients and 3.08 req/s at 15. The fall comes from the kappa term alone, because the default
 * {@code screenshot_queue.max_concurrent} of 15 lets all 15 captures run at once. Sigma is kept small so
 * that light load stays close to the base time.
 *
 * <p>NOTE: real runs degrade more than this estimate (with 0.03 for both, 10 users measured 2.5 req/s at
 * 2.4 s against an estimated 3.0 req/s at 2.3 s), most likely because the factor is convex in n and n
 * varies from capture to capture. BENCHMARKS.md has a measured default-plan run.
 *
 * <h2>Reproducibility</h2>
 * The draws of capture number {@code k} (counted from 0 in the order captures start) come from a
 * {@link SplittableRandom} seeded with a mix of {@code seed} and {@code k}, so they do not depend on
 * threads or timing. Sequential requests therefore reproduce exactly. Under concurrency the k-th
 * capture still gets the k-th draws, but which HTTP request starts k-th, and the running count n,
 * follow the arrival order and timing of that run.
 */
final class MockCaptureModel {

    /** Mixing constant of SplitMix64 (the golden ratio in 64 bits). */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final MockConfig config;
    private final long seed;

    MockCaptureModel(MockConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /**
     * Random outcome of one capture, before type, degradation and relaunch are applied.
     *
     * @param baseMillis clamped lognormal base time
     * @param slow whether the slow factor applies
     * @param fails whether the capture fails when it ends
     */
    record Draw(double baseMillis, boolean slow, boolean fails) {
    }

    /** Draws the outcome of capture number {@code sequence}; the same seed and sequence give the same draw. */
    Draw draw(long sequence) {
        SplittableRandom random = new SplittableRandom(mix64(seed + (sequence + 1) * GOLDEN_GAMMA));
        double normal = standardNormal(openUnitInterval(random));
        boolean slow = random.nextDouble() < config.slowFraction();
        boolean fails = random.nextDouble() < config.failureFraction();
        return new Draw(baseMillis(normal), slow, fails);
    }

    /** Returns the clamped lognormal base time for a standard normal deviate. */
    double baseMillis(double standardNormal) {
        double raw = config.captureMedianMillis() * Math.exp(config.captureLogSd() * standardNormal);
        return Math.min(config.captureMaxMillis(), Math.max(config.captureMinMillis(), raw));
    }

    /** Returns the model time of a capture without relaunch cost: base x slow x type x degradation. */
    double captureMillis(Draw draw, CaptureType type, int runningCaptures) {
        double slowFactor = draw.slow() ? config.slowFactor() : 1.0;
        return draw.baseMillis() * slowFactor * typeFactor(type) * degradationFactor(runningCaptures);
    }

    double typeFactor(CaptureType type) {
        return switch (type) {
            case VIEWPORT -> 1.0;
            case FULL_PAGE -> config.fullPageFactor();
            case ELEMENT -> config.elementFactor();
        };
    }

    /** Returns {@code 1 + sigma(n-1) + kappa n(n-1)}; 1 for {@code n <= 1}. */
    double degradationFactor(int runningCaptures) {
        int n = Math.max(1, runningCaptures);
        return 1 + config.degradationSigma() * (n - 1) + config.degradationKappa() * n * (double) (n - 1);
    }

    /** Returns a uniform value in (0, 1), never exactly 0 or 1, from the top 53 bits of a long. */
    private static double openUnitInterval(SplittableRandom random) {
        return ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** Returns the standard normal quantile of {@code p} in (0, 1). */
    static double standardNormal(double p) {
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }

    /** SplitMix64's finaliser (Stafford variant 13), so nearby seeds give unrelated streams. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
