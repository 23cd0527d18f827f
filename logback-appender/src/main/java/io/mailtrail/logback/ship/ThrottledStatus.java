package io.mailtrail.logback.ship;

import ch.qos.logback.core.spi.ContextAware;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Reports problems to Logback's status manager at most once per interval, with the count of reports
 * suppressed since the last one. The appender's own diagnostics never go through SLF4J, which could route
 * them back into the appender.
 *
 * <p>Cheap when it discards: a suppressed report costs a clock read, a volatile read and a {@link LongAdder}
 * increment, and the {@link Supplier} forms build no text at all. So it can sit on a logging thread's path
 * (e.g. a drop on a full queue).
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
        report(null, message, false);
    }

    /** A warning whose text is built only when it is reported. */
    public void warn(Supplier<String> message) {
        report(message, null, false);
    }

    public void error(String message) {
        report(null, message, true);
    }

    private void report(Supplier<String> lazy, String message, boolean error) {
        Level level = error ? errors : warnings;
        long now = System.nanoTime();
        long last = level.lastNanos.get();
        if (!level.first && now - last < intervalNanos) {
            level.suppressed.increment();
            return;
        }
        if (!level.lastNanos.compareAndSet(last, now)) {
            level.suppressed.increment();
            return;
        }
        level.first = false;
        long n = level.suppressed.sumThenReset();
        String m = lazy != null ? lazy.get() : message;
        String text = n == 0 ? m : m + " (" + n + " similar reports suppressed)";
        if (error) {
            owner.addError(text);
        } else {
            owner.addWarn(text);
        }
    }

    private static final class Level {
        final AtomicLong lastNanos = new AtomicLong();
        final LongAdder suppressed = new LongAdder();
        volatile boolean first = true;
    }
}
