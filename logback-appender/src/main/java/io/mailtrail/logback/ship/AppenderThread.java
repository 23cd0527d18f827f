package io.mailtrail.logback.ship;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The class of every thread the appender starts (its encoder, senders, spool replayer and the HTTP client's
 * I/O threads), so that whatever those threads log is recognised and never shipped back into the appender.
 */
public final class AppenderThread extends Thread {

    private AppenderThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    /** True on a thread started by an appender of this library. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof AppenderThread;
    }

    /** A factory of daemon appender threads named {@code <prefix>-<n>}. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> new AppenderThread(task, prefix + "-" + n.incrementAndGet());
    }
}
