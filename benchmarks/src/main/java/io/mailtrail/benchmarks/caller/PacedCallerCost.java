package io.mailtrail.benchmarks.caller;

import io.mailtrail.benchmarks.support.Percentiles;
import io.mailtrail.benchmarks.support.SampleEvents;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The caller's cost at a fixed event rate an application could really have, where the appender keeps up and
 * ships every event (unlike the JMH run, which overflows the queue). Each thread logs at {@code rate/threads}
 * events per second on a fixed schedule and times every call with {@link System#nanoTime()}; the latencies of
 * the measurement phase are kept in a bounded {@code long[]} and sorted for the percentiles.
 */
public final class PacedCallerCost {

    /** Most samples kept per thread; beyond it the rest of the phase is logged but not recorded. */
    private static final int MAX_SAMPLES_PER_THREAD = 2_000_000;
    /** A thread further behind its schedule than this skips ahead instead of logging a catch-up burst. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** What one paced run measured. */
    public record Outcome(Percentiles latencies, double achievedRate, MetricsSnapshot metrics) {
    }

    private final int threads;
    private final int rate;
    private final int warmupSeconds;
    private final int measureSeconds;
    private final long[][] samples;

    /**
     * A run at {@code rate} events/s over {@code threads} threads: {@code warmupSeconds} unrecorded, then
     * {@code measureSeconds} recorded. The sample arrays are allocated here, before the run, so that a heap
     * measurement taken between construction and {@link #run} already contains them.
     */
    public PacedCallerCost(int threads, int rate, int warmupSeconds, int measureSeconds) {
        this.threads = threads;
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        int capacity = (int) Math.min(MAX_SAMPLES_PER_THREAD, (long) rate / threads * measureSeconds + 1024);
        this.samples = new long[threads][capacity];
    }

    /**
     * Logs to the sink's logger on the schedule; the sink is left open (its counters are read after). When
     * the sink carries a {@link Sink.Attached#load() load}, one more thread logs to the load's logger at the
     * whole {@code rate} over the same warm-up and measurement, unrecorded.
     */
    public Outcome run(Sink.Attached sink) throws InterruptedException {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * threads / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
        int[] counts = new int[threads];
        List<Thread> workers = new ArrayList<>();
        if (sink.load() != null) {
            long loadPeriod = TimeUnit.SECONDS.toNanos(1) / rate;
            // half a period off the measured threads' schedule, so the two do not log at the same instant
            Thread load = new Thread(() -> pace(sink.load().logger(), start + loadPeriod / 2, loadPeriod, measureFrom, end,
                    new long[0]), "bench-paced-load");
            workers.add(load);
            load.start();
        }
        for (int t = 0; t < threads; t++) {
            int me = t;
            // stagger the threads over one period so they do not all log at the same instant
            long first = start + periodNanos * t / threads;
            Thread w = new Thread(() -> counts[me] = pace(sink.logger(), first, periodNanos, measureFrom, end, samples[me]),
                    "bench-paced-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Outcome(new Percentiles(all, total), total / (double) measureSeconds, sink.metrics());
    }

    private static int pace(Logger logger, long first, long period, long measureFrom, long end, long[] samples) {
        int n = 0;
        long seq = 0;
        long next = first;
        while (true) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                return n;
            }
            long wait = next - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (-wait > MAX_LAG_NANOS) {
                next = now;
            }
            long t0 = System.nanoTime();
            SampleEvents.log(logger, seq++);
            long t1 = System.nanoTime();
            if (t0 - measureFrom >= 0 && n < samples.length) {
                samples[n++] = t1 - t0;
            }
            next += period;
        }
    }
}
