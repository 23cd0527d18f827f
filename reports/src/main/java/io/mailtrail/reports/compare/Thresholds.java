package io.mailtrail.reports.compare;

/**
 * What "notably worse" means. The defaults ({@link #DEFAULTS}) are documented in {@code reports/README.md}.
 *
 * @param minEvents            a comparison (overall, or of one provider) needs at least this many attempts in both periods;
 *                             fewer is noise
 * @param successRateDrop      a success rate (attempts or logical sends) that falls by this much (fraction: 0.01 = 1
 *                             percentage point) or more
 * @param latencyRise          a latency percentile that rises by this fraction (0.25 = +25 %) or more...
 * @param latencyMinRiseMs     ...and by at least this many milliseconds (so 4 ms → 6 ms is not news)
 * @param categoryRise         an error category whose share of attempts rises by this much (fraction of attempts) or more
 * @param retryRateRise        the share of attempts that are retries rises by this much or more
 * @param volumeDrop           attempts fall by this fraction or more (0.5 = half): the application may have stopped sending
 * @param bounceRateLimit      a bounce rate above this is listed even without comparison (providers act near 5 %)
 * @param complaintRateLimit   a complaint rate above this is listed even without comparison (mailbox providers act near 0.1 %)
 */
public record Thresholds(long minEvents, double successRateDrop, double latencyRise, double latencyMinRiseMs,
                         double categoryRise, double retryRateRise, double volumeDrop,
                         double bounceRateLimit, double complaintRateLimit) {

    public static final Thresholds DEFAULTS = new Thresholds(50, 0.01, 0.25, 50, 0.005, 0.02, 0.5, 0.05, 0.001);
}
