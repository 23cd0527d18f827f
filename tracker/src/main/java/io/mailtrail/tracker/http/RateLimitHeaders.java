package io.mailtrail.tracker.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the wait and remaining-quota hints providers put in response headers. */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /**
     * {@code Retry-After} (RFC 9110): delay-seconds or an HTTP-date. A date in the past means "now" (zero).
     *
     * @return the wait, or null when absent or unreadable
     */
    static Duration retryAfter(HttpResponseView response, Clock clock) {
        return response.header("Retry-After").map(v -> parseDelayOrDate(v, clock)).orElse(null);
    }

    static Duration parseDelayOrDate(String value, Clock clock) {
        String v = value.strip();
        Long seconds = parseLong(v);
        if (seconds != null) {
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        }
        return parseHttpDate(v).map(at -> untilOrZero(at, clock)).orElse(null);
    }

    /** A header holding a whole number of seconds until reset; null when absent or unreadable. */
    static Duration secondsHeader(HttpResponseView response, String name) {
        Long seconds = response.header(name).map(v -> parseLong(v.strip())).orElse(null);
        return seconds == null || seconds < 0 ? null : Duration.ofSeconds(seconds);
    }

    /** A header holding the epoch second of the reset; the wait from now, zero when it is past, null when unreadable. */
    static Duration epochSecondsHeader(HttpResponseView response, String name, Clock clock) {
        Long epoch = response.header(name).map(v -> parseLong(v.strip())).orElse(null);
        return epoch == null ? null : untilOrZero(Instant.ofEpochSecond(epoch), clock);
    }

    /** A non-negative count header such as {@code X-RateLimit-Remaining}; null when absent or unreadable. */
    static Long count(HttpResponseView response, String name) {
        Long n = response.header(name).map(v -> parseLong(v.strip())).orElse(null);
        return n == null || n < 0 ? null : n;
    }

    static java.util.Optional<Instant> parseHttpDate(String value) {
        try {
            return java.util.Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    static Duration untilOrZero(Instant at, Clock clock) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Long parseLong(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
                return null;
            }
        }
        return Long.parseLong(v);
    }
}
