package io.mailtrail.logback.metrics;

/**
 * The appender's counters at one instant (immutable). Counts are events since the appender started.
 *
 * @param appended            events accepted into the memory queue
 * @param sent                events Elasticsearch confirmed (created, or already there: 409 on create)
 * @param retried             event sends repeated after a retryable failure (an event retried twice counts 2)
 * @param failed              events Elasticsearch rejected for good (e.g. mapping conflict); never retried
 * @param dropped             events lost: queue full, unencodable, spool full, or left at shutdown without spool
 * @param spooled             events written to the disk spool
 * @param deadLettered        rejected events written to the dead-letter file
 * @param queueDepth          events waiting in the memory queue now
 * @param bulkRequests        {@code _bulk} requests made, including failed ones
 * @param bulkLatencyAvgMillis mean duration of a {@code _bulk} request
 * @param bulkLatencyLastMillis duration of the latest {@code _bulk} request
 * @param bulkLatencyMaxMillis longest {@code _bulk} request
 */
public record MetricsSnapshot(long appended, long sent, long retried, long failed, long dropped, long spooled,
                              long deadLettered, int queueDepth, long bulkRequests, double bulkLatencyAvgMillis,
                              double bulkLatencyLastMillis, double bulkLatencyMaxMillis) {
}
