package io.mailtrail.logback.ship;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random time in
 * {@code [0, min(max, initial * 2^n)]}, but never less than what the server asked for with Retry-After.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator random;

    /** @param random given a bound b ≥ 0, returns a value in [0, b] */
    public Backoff(long initialMillis, long maxMillis, LongUnaryOperator random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (0 = first retry), honouring a Retry-After of retryAfterMillis (≤ 0: none). */
    public long delayMillis(int retry, long retryAfterMillis) {
        long ceiling = retry >= 62 ? maxMillis : Math.min(maxMillis, initialMillis << Math.min(retry, 30));
        long jittered = random.applyAsLong(ceiling);
        return Math.max(jittered, Math.min(retryAfterMillis, Math.max(maxMillis, 60_000L)));
    }

    /**
     * Parses a Retry-After header value: delay-seconds or an HTTP date. Returns milliseconds, or 0 when
     * absent or unreadable.
     */
    public static long parseRetryAfter(String value, long nowEpochMillis) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        try {
            return Math.max(0, Duration.ofSeconds(Long.parseLong(v)).toMillis());
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowEpochMillis);
            } catch (DateTimeParseException e2) {
                return 0;
            }
        }
    }
}
