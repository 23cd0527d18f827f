package io.mailtrail.reports.figures;

import java.time.Instant;

/**
 * One bar of the time charts.
 *
 * @param start              start of the bucket
 * @param attempts           call attempts that started in it
 * @param sends              logical sends (final attempts) in it
 * @param attemptSuccessRate fraction of attempts that succeeded, null without attempts
 * @param sendSuccessRate    fraction of logical sends that succeeded, null without sends
 */
public record TimeBucket(Instant start, long attempts, long sends, Double attemptSuccessRate, Double sendSuccessRate, Latency latency) {
}
