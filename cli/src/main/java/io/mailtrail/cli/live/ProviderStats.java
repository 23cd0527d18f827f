package io.mailtrail.cli.live;

/**
 * What the live view shows for one provider over a time window, all read from Elasticsearch aggregations.
 *
 * @param provider        {@code mailtrail.provider}
 * @param attempts        call events (one per attempt)
 * @param sends           logical sends that ended in the window (attempts with {@code mailtrail.attempt.final: true})
 * @param successfulSends of those, the ones that succeeded
 * @param retries         attempts after the first ({@code mailtrail.attempt.number > 1})
 * @param failedAttempts  attempts with {@code event.outcome: failure}
 * @param p95Millis       95th percentile of {@code event.duration}, in milliseconds; NaN without attempts
 * @param perMinute       sends per minute over the window
 */
public record ProviderStats(String provider, long attempts, long sends, long successfulSends, long retries,
                            long failedAttempts, double p95Millis, double perMinute) {

    /** Success rate of logical sends, 0..1; NaN when none ended. */
    public double successRate() {
        return sends == 0 ? Double.NaN : (double) successfulSends / sends;
    }
}
