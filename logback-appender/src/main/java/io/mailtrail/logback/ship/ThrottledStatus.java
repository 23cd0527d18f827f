package io.mailtrail.logback.ship;

import ch.qos.logback.core.spi.ContextAware;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports problems to Logback's status manager at most once per interval, with the count of reports
 * suppressed since the last one. The appender's own diagnostics never go through SLF4J, which could route
 * them back into the appender.
 */
public final class ThrottledStatus {

    private final ContextAware owner;
    private final long intervalNanos;
    // one throttle per level: a warning (e.g. unreachable) must never hide a later error (e.g. refused credentials)
    private final Level warnings = new Level();
    private final Level errors = new Level();

    public ThrottledStatus(ContextAware owner, long intervalMillis) {
        this.owner = owner;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void warn(String message) {
        report(message, false);
    }

    public void error(String message) {
        report(message, true);
    }

    private void report(String message, boolean error) {
        Level level = error ? errors : warnings;
        long now = System.nanoTime();
        long last = level.lastNanos.get();
        if (!level.first && now - last < intervalNanos) {
            level.suppressed.incrementAndGet();
            return;
        }
        if (!level.lastNanos.compareAndSet(last, now)) {
            level.suppressed.incrementAndGet();
            return;
        }
        level.first = false;
        long n = level.suppressed.getAndSet(0);
        String text = n == 0 ? message : message + " (" + n + " similar reports suppressed)";
        if (error) {
            owner.addError(text);
        } else {
            owner.addWarn(text);
        }
    }

    private static final class Level {
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
        volatile boolean first = true;
    }
}
