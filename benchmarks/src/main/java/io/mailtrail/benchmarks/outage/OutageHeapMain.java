package io.mailtrail.benchmarks.outage;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.benchmarks.caller.PacedCallerCost;
import io.mailtrail.benchmarks.caller.Sink;
import io.mailtrail.benchmarks.support.AppenderEncoding;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.benchmarks.support.Percentiles;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.SampleEvents;
import io.mailtrail.benchmarks.support.Settings;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.queue.EventWeigher;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heap held by the appender while Elasticsearch is unreachable (its URL is a closed port) and the
 * application logs at a steady rate: the used heap after a full GC is sampled every second and its growth
 * over the pre-outage level compared with the configured bound: the queue's byte budget {@code queueMaxBytes}
 * (64 MiB by default, of estimated event heap; the estimate is compared with the measured retained size of one
 * queued event) plus the shipper's batches. Memory only (no spool); the appender's other settings are its
 * defaults.
 *
 * <p>Knobs ({@code -Dmailtrail.bench.<name>}): {@code outageSeconds} (default 30), {@code outageRate}
 * (events/s, default 5000). Run it with a fixed heap ({@code -Xms=-Xmx}) so resizing does not blur the samples.
 */
public final class OutageHeapMain {

    /** The appender's defaults (ElasticsearchAppender Javadoc). */
    private static final int QUEUE_SIZE = 200_000;
    private static final long QUEUE_MAX_BYTES = 64L * 1024 * 1024;
    /** Events measured for the retained size of one queued event. */
    private static final int PROBE_EVENTS = 8192;
    private static final int BATCH_ACTIONS = 1000;
    private static final int IN_FLIGHT = 2;

    private OutageHeapMain() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Settings.intValue("outageSeconds", 30);
        int rate = Settings.intValue("outageRate", 5_000);
        Results results = new Results("outage-heap");

        LoggerContext probeContext = Appenders.newContext("bench-probe");
        Logger probeLogger = probeContext.getLogger("bench.caller");
        long eventBytes = retainedBytesPerQueuedEvent(probeLogger, PROBE_EVENTS);
        long estimatedBytes = EventWeigher.weigh(SampleEvents.event(probeLogger, 123_456));
        long itemBytes;
        try (AppenderEncoding encoding = new AppenderEncoding("benchoutage")) {
            itemBytes = encoding.item(SampleEvents.event(probeLogger, 123_456)).size();
        }
        probeContext.stop();

        PacedCallerCost pacer = new PacedCallerCost(1, rate, 0, seconds);
        Sink.Attached sink = Sink.ELASTICSEARCH_DOWN.attach(null, "benchoutage");
        long before = usedAfterGc();
        AtomicReference<PacedCallerCost.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                outcome.set(pacer.run(sink));
            } catch (Exception e) {
                failure.set(e);
            }
        }, "bench-outage-load");
        load.start();
        List<Long> growth = new ArrayList<>();
        // one sample per second, half a second off the whole seconds so that none falls on the load's end
        long next = System.nanoTime() + 500_000_000L;
        for (int i = 0; i < seconds && load.isAlive(); i++) {
            long sleep = (next - System.nanoTime()) / 1_000_000L;
            if (sleep > 0) {
                load.join(sleep);
            }
            if (!load.isAlive()) {
                break;
            }
            growth.add(usedAfterGc() - before);
            next += 1_000_000_000L;
        }
        load.join();
        MetricsSnapshot m = sink.metrics();
        sink.close();
        if (failure.get() != null) {
            throw failure.get();
        }

        long max = growth.stream().mapToLong(Long::longValue).max().orElse(0);
        // the queue holds events until either bound: queueSize events or queueMaxBytes of estimated heap
        long queuedAtMost = Math.min(QUEUE_SIZE, QUEUE_MAX_BYTES / Math.max(1, estimatedBytes));
        long bound = queuedAtMost * eventBytes;
        // besides the queue, the shipper holds encoded items: the batch being filled, maxInFlight ready batches
        // and maxInFlight batches being retried (each with its request body copy)
        long shipperBytes = (2L * IN_FLIGHT + 1) * BATCH_ACTIONS * itemBytes + (long) IN_FLIGHT * BATCH_ACTIONS * itemBytes;
        results.info("outage " + seconds + " s at " + rate + " events/s, memory only, defaults (queueSize " + QUEUE_SIZE
                + ", queueMaxBytes " + mib(QUEUE_MAX_BYTES) + ")", "achieved " + Math.round(outcome.get().achievedRate()) + " events/s");
        results.info("retained size of one queued event (measured) vs the queue's estimate", eventBytes + " B vs "
                + estimatedBytes + " B; one encoded bulk item " + itemBytes + " B");
        results.info("events the default queue holds at most", queuedAtMost + " (" + Results.f1(queuedAtMost / 2000.0)
                + " s at 2 000 events/s)");
        results.row("estimate covers the measured size of a queued event", estimatedBytes + " B vs " + eventBytes + " B",
                ">= measured", estimatedBytes >= eventBytes);
        results.info("heap growth per second (MiB, after full GC)", growth.stream()
                .map(b -> Results.f1(b / 1048576.0)).reduce((a, b) -> a + " " + b).orElse(""));
        results.row("max heap growth vs queued events x measured size", mib(max) + " vs " + mib(bound),
                "<= " + mib(bound), max <= bound);
        results.row("max heap growth vs queueMaxBytes + shipper's batches (the stated bound)",
                mib(max) + " vs " + mib(QUEUE_MAX_BYTES + shipperBytes), "<= " + mib(QUEUE_MAX_BYTES + shipperBytes),
                max <= QUEUE_MAX_BYTES + shipperBytes);
        results.row("max heap growth vs queue + shipper's batches", mib(max) + " vs " + mib(bound + shipperBytes),
                "<= " + mib(bound + shipperBytes), max <= bound + shipperBytes);
        results.info("rest of the growth (not queue, not batches: classes and buffers of the failing path, statuses)",
                mib(max - bound - shipperBytes));
        Percentiles p = outcome.get().latencies();
        results.info("caller p50/p99/p99.9 during the outage",
                Results.us(p.at(50)) + " / " + Results.us(p.at(99)) + " / " + Results.us(p.at(99.9)));
        results.info("appender counters after stop", "appended " + m.appended() + ", dropped " + m.dropped()
                + ", sent " + m.sent() + ", retried " + m.retried() + ", queue depth at end " + m.queueDepth());
        System.exit(0);
    }

    /**
     * Heap retained by {@code count} events held the way the appender's queue holds them (prepared for
     * deferred processing, in a {@link ConcurrentLinkedQueue}), divided by {@code count}.
     */
    static long retainedBytesPerQueuedEvent(Logger logger, int count) {
        long before = usedAfterGc();
        Queue<ILoggingEvent> held = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            held.add(SampleEvents.event(logger, 1_000_000L + i));
        }
        long after = usedAfterGc();
        if (held.size() != count) {
            throw new IllegalStateException("lost events while measuring");
        }
        return Math.max(0, after - before) / count;
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // two full collections: the second finds what the first only made unreachable (finalizer-free here)
        for (int i = 0; i < 2; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static String mib(long bytes) {
        return Results.f2(bytes / 1048576.0) + " MiB";
    }
}
