package io.mailtrail.logback.ship;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void ceilingDoublesUpToTheMaximum() {
        Backoff highest = new Backoff(100, 5_000, bound -> bound);
        assertThat(highest.delayMillis(0, 0)).isEqualTo(100);
        assertThat(highest.delayMillis(1, 0)).isEqualTo(200);
        assertThat(highest.delayMillis(5, 0)).isEqualTo(3_200);
        assertThat(highest.delayMillis(6, 0)).isEqualTo(5_000);
        assertThat(highest.delayMillis(500, 0)).isEqualTo(5_000);
    }

    @Test
    void fullJitterMayWaitNothing() {
        Backoff lowest = new Backoff(100, 5_000, bound -> 0);
        assertThat(lowest.delayMillis(3, 0)).isZero();
    }

    @Test
    void retryAfterIsAFloor() {
        Backoff lowest = new Backoff(100, 5_000, bound -> 0);
        assertThat(lowest.delayMillis(0, 2_000)).isEqualTo(2_000);
        // an absurd Retry-After is capped at the larger of maxBackoff and one minute
        assertThat(lowest.delayMillis(0, 3_600_000)).isEqualTo(60_000);
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        long now = ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(Backoff.parseRetryAfter("3", now)).isEqualTo(3_000);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 11, 27, 10, 0, 7, 0, ZoneOffset.UTC));
        assertThat(Backoff.parseRetryAfter(date, now)).isEqualTo(7_000);
        assertThat(Backoff.parseRetryAfter("soon", now)).isZero();
        assertThat(Backoff.parseRetryAfter(null, now)).isZero();
        assertThat(Backoff.parseRetryAfter("-5", now)).isZero();
    }
}
