package io.mailtrail.logback.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The appender's live counters; written by the appender's threads and the callers, read as snapshots. */
public final class AppenderCounters {

    public final LongAdder appended = new LongAdder();
    public final LongAdder sent = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder spooled = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    public final LongAdder bulkRequests = new LongAdder();
    public final LongAdder bulkNanos = new LongAdder();
    private volatile long lastBulkNanos;
    private volatile long maxBulkNanos;
    private volatile IntSupplier queueDepth = () -> 0;

    public void setQueueDepth(IntSupplier queueDepth) {
        this.queueDepth = queueDepth;
    }

    public void bulkLatency(long nanos) {
        bulkRequests.increment();
        bulkNanos.add(nanos);
        lastBulkNanos = nanos;
        if (nanos > maxBulkNanos) {
            maxBulkNanos = nanos; // racy max: good enough for a gauge
        }
    }

    public MetricsSnapshot snapshot() {
        long requests = bulkRequests.sum();
        return new MetricsSnapshot(appended.sum(), sent.sum(), retried.sum(), failed.sum(), dropped.sum(),
                spooled.sum(), deadLettered.sum(), queueDepth.getAsInt(), requests,
                requests == 0 ? 0.0 : bulkNanos.sum() / 1e6 / requests, lastBulkNanos / 1e6, maxBulkNanos / 1e6);
    }
}
