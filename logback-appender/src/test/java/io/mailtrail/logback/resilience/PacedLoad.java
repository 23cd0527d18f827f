package io.mailtrail.logback.resilience;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Logs numbered events ({@code seq} = 0, 1, 2, ... across all threads) from several threads at a bounded rate for
 * a fixed time, and records the longest time one logging call took, as the application would feel it.
 */
final class PacedLoad {

    private final Logger logger;
    private final int threads;
    private final long periodNanos;
    private final Duration duration;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong maxCallNanos = new AtomicLong();
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final List<Thread> workers = new ArrayList<>();

    /** @param eventsPerSecond the total rate over all threads */
    PacedLoad(Logger logger, int threads, int eventsPerSecond, Duration duration) {
        this.logger = logger;
        this.threads = threads;
        this.periodNanos = 1_000_000_000L * threads / eventsPerSecond;
        this.duration = duration;
    }

    void start() {
        long end = System.nanoTime() + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> run(end), "paced-load-" + t);
            workers.add(worker);
            worker.start();
        }
    }

    private void run(long end) {
        long due = System.nanoTime();
        try {
            while (due - end < 0) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long seq = next.getAndIncrement();
                long t0 = System.nanoTime();
                logger.atInfo().setMessage("resilience event {}").addArgument(seq).addKeyValue(EsQueries.SEQ, seq).log();
                long took = System.nanoTime() - t0;
                maxCallNanos.accumulateAndGet(took, Math::max);
                due += periodNanos;
            }
        } catch (Throwable e) {
            thrown.compareAndSet(null, e); // a logging call must never throw: the test fails on this
        }
    }

    /** Waits for the end of the run; rethrows what a logging call threw. */
    void await() throws InterruptedException {
        for (Thread w : workers) {
            w.join(duration.toMillis() + 60_000);
        }
        if (thrown.get() != null) {
            throw new AssertionError("a logging call threw", thrown.get());
        }
    }

    /** Events logged so far (they carry seq 0 .. logged-1). */
    long logged() {
        return next.get();
    }

    double maxCallMillis() {
        return maxCallNanos.get() / 1e6;
    }
}
