package io.mailtrail.logback.metrics;

/**
 * JMX view of one appender, registered as
 * {@code io.mailtrail.logback:type=ElasticsearchAppender,name=<appender name>} while it runs.
 */
public interface ElasticsearchAppenderMXBean {
    long getAppended();
    long getSent();
    long getRetried();
    long getFailed();
    long getDropped();
    long getSpooled();
    long getDeadLettered();
    int getQueueDepth();
    long getBulkRequests();
    double getBulkLatencyAvgMillis();
    double getBulkLatencyMaxMillis();
}
