package io.mailtrail.logback.resilience;

import java.time.Duration;

/** Bounded waiting without a library: poll a condition until it holds or a deadline passes. */
final class Polling {

    /** A condition that may ask the node (and so throw). */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Polling() {
    }

    /** Polls every {@code every} until the condition holds (true) or {@code timeout} passed (false). */
    static boolean within(Duration timeout, Duration every, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.holds()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** Sleeps until {@code nanoTime} reaches the given instant. */
    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000L));
        }
    }
}
