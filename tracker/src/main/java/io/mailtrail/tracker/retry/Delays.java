package io.mailtrail.tracker.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** How the tracker waits between attempts; tests inject one that records instead of sleeping. */
public interface Delays {

    /** Blocks the calling thread (synchronous sends). */
    void sleep(Duration delay) throws InterruptedException;

    /** An executor that runs its task after the delay, without blocking (asynchronous sends). */
    Executor after(Duration delay);

    /** {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor}. */
    static Delays real() {
        return new Delays() {
            @Override
            public void sleep(Duration delay) throws InterruptedException {
                Thread.sleep(delay.toMillis());
            }

            @Override
            public Executor after(Duration delay) {
                return CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }
}
