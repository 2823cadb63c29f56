package io.shotload.bench;

import io.shotload.plan.LoadPlan;
import io.shotload.plan.ScenarioSpec;
import io.shotload.recording.RunRecorder;
import io.shotload.recording.ScenarioRecorder;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Measures what recording one response costs the load generator: the time of
 * {@link ScenarioRecorder#recordResponse} with the per-second interval closes running beside it, as in
 * a run. Prints the nanoseconds one call takes, on 1 and 2 recording threads.
 *
 * <p>Run with {@code bench/recording-overhead.sh}.
 */
public final class RecorderBenchmark {

    private static final int WARM_UP_RESPONSES = 2_000_000;
    private static final int MEASURED_RESPONSES = 5_000_000;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int threads : new int[] {1, 2}) {
            for (int round = 1; round <= ROUNDS; round++) {
                double nanos = measure(threads, round == 1 ? WARM_UP_RESPONSES : MEASURED_RESPONSES);
                if (round > 1) {
                    System.out.printf(Locale.ROOT, "threads=%d round=%d ns_per_call=%.1f%n", threads, round - 1, nanos);
                }
            }
        }
    }

    private static double measure(int threads, int responsesPerThread) throws InterruptedException {
        LoadPlan plan = new LoadPlan("bench", "recorder benchmark", List.of(new ScenarioSpec("level", 10, 60, 0, 1000)));
        RunRecorder recorder = new RunRecorder(plan);
        recorder.beginScenario("level");
        ScenarioRecorder scenario = recorder.scenario("level");
        scenario.userStarted(System.currentTimeMillis());
        recorder.start(null);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < responsesPerThread; i++) {
                    long millis = 200 + random.nextInt(1800);
                    boolean success = random.nextInt(50) != 0;
                    scenario.recordResponse(System.currentTimeMillis(), millis, success ? 200 : 500, 40_000, success,
                            success ? null : "HTTP 500", millis * 0.9);
                }
            });
            workers[t].start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - begin;
        recorder.stop();
        return (double) elapsed / responsesPerThread;
    }
}
