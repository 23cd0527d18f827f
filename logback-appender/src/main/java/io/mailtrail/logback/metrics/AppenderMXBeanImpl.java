package io.mailtrail.logback.metrics;

/** Reads the counters for JMX. */
public final class AppenderMXBeanImpl implements ElasticsearchAppenderMXBean {

    private final AppenderCounters counters;

    public AppenderMXBeanImpl(AppenderCounters counters) {
        this.counters = counters;
    }

    @Override public long getAppended() { return counters.appended.sum(); }
    @Override public long getSent() { return counters.sent.sum(); }
    @Override public long getRetried() { return counters.retried.sum(); }
    @Override public long getFailed() { return counters.failed.sum(); }
    @Override public long getDropped() { return counters.dropped.sum(); }
    @Override public long getSpooled() { return counters.spooled.sum(); }
    @Override public long getDeadLettered() { return counters.deadLettered.sum(); }
    @Override public int getQueueDepth() { return counters.snapshot().queueDepth(); }
    @Override public long getBulkRequests() { return counters.bulkRequests.sum(); }
    @Override public double getBulkLatencyAvgMillis() { return counters.snapshot().bulkLatencyAvgMillis(); }
    @Override public double getBulkLatencyMaxMillis() { return counters.snapshot().bulkLatencyMaxMillis(); }
}
