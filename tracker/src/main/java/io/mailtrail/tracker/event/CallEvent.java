package io.mailtrail.tracker.event;

import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.Email;

import java.time.Instant;

/**
 * Everything known about one attempt, raw: {@link CallEventLogger} applies the privacy policy when it logs.
 *
 * @param email         what was sent
 * @param result        the classification
 * @param error         what the call threw, or null
 * @param start         when the attempt started
 * @param durationNanos how long it took
 * @param sendId        id shared by all attempts of the send
 * @param attempt       attempt number, from 1
 * @param finalAttempt  whether no attempt follows
 * @param delayMillis   delay waited before this attempt
 * @param traceId       trace id
 * @param spanId        span id of the attempt
 * @param transactionId enclosing APM transaction, or null
 */
public record CallEvent(Email email, AttemptResult result, Throwable error, Instant start, long durationNanos,
        String sendId, int attempt, boolean finalAttempt, long delayMillis, String traceId, String spanId,
        String transactionId) {
}
