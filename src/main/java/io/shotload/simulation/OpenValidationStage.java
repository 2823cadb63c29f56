package io.shotload.simulation;

import io.shotload.run.OpenValidationRun;
import io.shotload.run.ScenarioRun;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-model validation stage while it runs. Gatling creates candidate arrivals as a Poisson
 * process at the maximum rate; each is admitted with probability {@code offered / maximum}, and a
 * thinned Poisson process is again a Poisson process, at the offered rate.
 */
final class OpenValidationStage {

    /** The admission draws are seeded, so two runs admit the same pattern of arrivals. */
    static final long ADMISSION_SEED = 1;

    private final boolean running;
    private final String reason;
    private final double offeredRatePerSecond;
    private final SimulationSettings.OpenValidation settings;
    private final SplittableRandom random = new SplittableRandom(ADMISSION_SEED);
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();

    private OpenValidationStage(boolean running, String reason, double offeredRatePerSecond,
            SimulationSettings.OpenValidation settings) {
        this.running = running;
        this.reason = reason;
        this.offeredRatePerSecond = offeredRatePerSecond;
        this.settings = settings;
    }

    static OpenValidationStage running(double offeredRatePerSecond, SimulationSettings.OpenValidation settings) {
        return new OpenValidationStage(true, null, offeredRatePerSecond, settings);
    }

    static OpenValidationStage notRun(String reason, SimulationSettings.OpenValidation settings) {
        return new OpenValidationStage(false, reason, 0, settings);
    }

    /** Counts one candidate arrival and returns whether it sends a request. */
    boolean admit() {
        arrivals.incrementAndGet();
        if (!running) {
            return false;
        }
        double probability = offeredRatePerSecond / settings.maxArrivalRatePerSecond();
        boolean admit;
        synchronized (random) {
            admit = random.nextDouble() < probability;
        }
        if (admit) {
            admitted.incrementAndGet();
        }
        return admit;
    }

    OpenValidationRun result(ScenarioRun recorded) {
        if (!running) {
            return new OpenValidationRun(false, reason, 0, settings.maxArrivalRatePerSecond(), settings.durationSeconds(),
                    arrivals.get(), 0, null);
        }
        return new OpenValidationRun(true, null, offeredRatePerSecond, settings.maxArrivalRatePerSecond(),
                settings.durationSeconds(), arrivals.get(), admitted.get(), recorded);
    }
}
