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
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private volatile boolean first = true;

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
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (!first && now - last < intervalNanos) {
            suppressed.incrementAndGet();
            return;
        }
        if (!lastNanos.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        first = false;
        long n = suppressed.getAndSet(0);
        String text = n == 0 ? message : message + " (" + n + " similar reports suppressed)";
        if (error) {
            owner.addError(text);
        } else {
            owner.addWarn(text);
        }
    }
}
