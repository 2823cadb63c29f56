package io.shotload.stub.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {

    private final List<String> started = new ArrayList<>();

    private AdmissionQueue.Waiter waiter(String name) {
        return () -> started.add(name);
    }

    @Test
    void startsUntilSlotsAreTaken() {
        AdmissionQueue queue = new AdmissionQueue(2, 1);

        assertThat(queue.offer(waiter("a"))).isEqualTo(AdmissionQueue.Admission.STARTED);
        assertThat(queue.offer(waiter("b"))).isEqualTo(AdmissionQueue.Admission.STARTED);
        assertThat(queue.offer(waiter("c"))).isEqualTo(AdmissionQueue.Admission.QUEUED);
        assertThat(queue.offer(waiter("d"))).isEqualTo(AdmissionQueue.Admission.REJECTED);
        assertThat(queue.running()).isEqualTo(2);
        assertThat(queue.queueDepth()).isEqualTo(1);
    }

    @Test
    void releaseHandsSlotToOldestWaiter() {
        AdmissionQueue queue = new AdmissionQueue(1, 3);
        queue.offer(waiter("running"));
        queue.offer(waiter("first"));
        queue.offer(waiter("second"));

        queue.release();
        queue.release();

        assertThat(started).containsExactly("first", "second");
        assertThat(queue.running()).isEqualTo(1);
        assertThat(queue.queueDepth()).isZero();
    }

    @Test
    void removedWaiterNeverStarts() {
        AdmissionQueue queue = new AdmissionQueue(1, 3);
        queue.offer(waiter("running"));
        AdmissionQueue.Waiter gaveUp = waiter("gave up");
        queue.offer(gaveUp);
        queue.offer(waiter("patient"));

        assertThat(queue.remove(gaveUp)).isTrue();
        queue.release();

        assertThat(started).containsExactly("patient");
        assertThat(queue.remove(gaveUp)).isFalse();
    }

    @Test
    void releaseWithoutWaitersFreesSlot() {
        AdmissionQueue queue = new AdmissionQueue(1, 0);
        queue.offer(waiter("a"));

        queue.release();

        assertThat(queue.running()).isZero();
        assertThat(queue.offer(waiter("b"))).isEqualTo(AdmissionQueue.Admission.STARTED);
    }

    @Test
    void zeroQueueRejectsWhenSlotsAreTaken() {
        AdmissionQueue queue = new AdmissionQueue(1, 0);
        queue.offer(waiter("a"));

        assertThat(queue.offer(waiter("b"))).isEqualTo(AdmissionQueue.Admission.REJECTED);
    }

    @Test
    void retryAfterFollowsQueueDrainEstimate() {
        RetryAfterEstimator estimator = new RetryAfterEstimator(30);

        assertThat(estimator.retryAfterSeconds(0, 15)).as("at least 1 s").isEqualTo(1);
        assertThat(estimator.retryAfterSeconds(29, 15)).as("ceil(30 x 1 s / 15)").isEqualTo(2);
        assertThat(estimator.retryAfterSeconds(10_000, 1)).as("capped at the request timeout").isEqualTo(30);
        for (int i = 0; i < 200; i++) {
            estimator.recordCapture(3.0);
        }
        assertThat(estimator.meanCaptureSeconds()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(estimator.retryAfterSeconds(29, 15)).as("ceil(30 x 3 s / 15)").isEqualTo(6);
    }
}
