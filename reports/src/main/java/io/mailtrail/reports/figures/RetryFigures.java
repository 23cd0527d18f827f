package io.mailtrail.reports.figures;

import java.util.Map;

/**
 * Retries ({@code mailtrail.attempt.number} &gt; 1) and rate limiting ({@code rate_limited} failures).
 *
 * @param retriedAttempts         attempts that were retries
 * @param retryRate               retriedAttempts / attempts, null without attempts
 * @param averageRetryDelayMs     average {@code mailtrail.retry.delay_ms} of the retries
 * @param maxRetryDelayMs         largest {@code mailtrail.retry.delay_ms} of the retries
 * @param rateLimited             attempts that failed as {@code rate_limited}
 * @param averageRetryAfterMs     average {@code mailtrail.rate_limit.retry_after_ms} the providers asked for
 * @param minRateLimitRemaining   lowest {@code mailtrail.rate_limit.remaining} seen on any attempt
 * @param rateLimitedByProvider   rate-limited attempts per provider
 */
public record RetryFigures(long retriedAttempts, Double retryRate, Double averageRetryDelayMs, Double maxRetryDelayMs,
                           long rateLimited, Double averageRetryAfterMs, Double minRateLimitRemaining,
                           Map<String, Long> rateLimitedByProvider) {

    public RetryFigures {
        rateLimitedByProvider = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rateLimitedByProvider));
    }
}
