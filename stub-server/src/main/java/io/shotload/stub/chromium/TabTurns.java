package io.shotload.stub.chromium;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Gives the tabs of one browser window their turn at the front, one at a time.
 *
 * <p>Chromium draws only the active tab of a window: a screenshot of a background tab waits for a
 * frame that may never come. A tab therefore comes to the front and takes its screenshot while holding
 * the turn, and the next tab waits until that screenshot has returned. Pages keep loading and running
 * in the background. Only the screenshots of one browser take turns; BENCHMARKS.md measures the cost.
 *
 * <p>No thread waits for a turn: each turn is a stage chained after the one before.
 */
final class TabTurns {

    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /**
     * Runs {@code work} once the turns queued before it have ended. The turn ends when the work's
     * future completes or when {@code abandon} completes first (the capture failed at its deadline), so
     * a screenshot that never returns keeps the window no longer than its capture lives.
     *
     * @param abandon the capture's result. When it is already complete as the turn comes, the work is
     *     not started and the returned future fails with {@link java.util.concurrent.CancellationException}.
     */
    <T> CompletableFuture<T> take(Supplier<CompletableFuture<T>> work, CompletableFuture<?> abandon) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> turnEnded = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = last;
            last = turnEnded;
        }
        previous.whenComplete((ignored, error) -> {
            if (abandon.isDone()) {
                result.cancel(false);
                turnEnded.complete(null);
                return;
            }
            CompletableFuture<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
            CompletableFuture.anyOf(started, abandon).whenComplete((value, failure) -> turnEnded.complete(null));
        });
        return result;
    }
}
