package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TabTurnsTest {

    private final TabTurns turns = new TabTurns();

    @Test
    void turnStartsAfterPreviousReturns() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> firstScreenshot = new CompletableFuture<>();
        CompletableFuture<String> first = turns.take(() -> {
            started.add("first");
            return firstScreenshot;
        }, new CompletableFuture<>());
        CompletableFuture<String> second = turns.take(() -> {
            started.add("second");
            return CompletableFuture.completedFuture("second image");
        }, new CompletableFuture<>());

        assertThat(started).containsExactly("first");
        assertThat(second).isNotDone();

        firstScreenshot.complete("first image");

        assertThat(first).isCompletedWithValue("first image");
        assertThat(started).containsExactly("first", "second");
        assertThat(second).isCompletedWithValue("second image");
    }

    @Test
    void turnEndsOnFailedScreenshot() {
        CompletableFuture<String> failed = turns.take(
                () -> CompletableFuture.failedFuture(new IllegalStateException("renderer gone")),
                new CompletableFuture<>());
        CompletableFuture<String> next = turns.take(() -> CompletableFuture.completedFuture("image"),
                new CompletableFuture<>());

        assertThat(failed).isCompletedExceptionally();
        assertThat(failed.handle((value, error) -> error.getCause() != null ? error.getCause() : error).join())
                .hasMessage("renderer gone");
        assertThat(next).isCompletedWithValue("image");
    }

    @Test
    void turnEndsWhenCaptureIsAbandoned() {
        CompletableFuture<String> neverAnswers = new CompletableFuture<>();
        CompletableFuture<Void> captureResult = new CompletableFuture<>();
        CompletableFuture<String> hung = turns.take(() -> neverAnswers, captureResult);
        CompletableFuture<String> next = turns.take(() -> CompletableFuture.completedFuture("image"),
                new CompletableFuture<>());
        assertThat(next).isNotDone();

        captureResult.completeExceptionally(new IllegalStateException("deadline"));

        assertThat(next).isCompletedWithValue("image");
        assertThat(hung).isNotDone();
    }

    @Test
    void turnSkipsEndedCapture() {
        CompletableFuture<String> firstScreenshot = new CompletableFuture<>();
        turns.take(() -> firstScreenshot, new CompletableFuture<>());
        AtomicInteger skippedRuns = new AtomicInteger();
        CompletableFuture<Void> endedCapture = new CompletableFuture<>();
        CompletableFuture<String> skipped = turns.take(() -> {
            skippedRuns.incrementAndGet();
            return CompletableFuture.completedFuture("unused");
        }, endedCapture);
        CompletableFuture<String> last = turns.take(() -> CompletableFuture.completedFuture("image"),
                new CompletableFuture<>());

        endedCapture.completeExceptionally(new IllegalStateException("deadline"));
        firstScreenshot.complete("first image");

        assertThat(skippedRuns).hasValue(0);
        assertThat(skipped).isCancelled();
        assertThat(skipped.handle((value, error) -> error).join()).isInstanceOf(CancellationException.class);
        assertThat(last).isCompletedWithValue("image");
    }
}
