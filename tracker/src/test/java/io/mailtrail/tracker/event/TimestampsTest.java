package io.mailtrail.tracker.event;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:30.123456789Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.001Z"})
    void writesIsoUtcWithMilliseconds(String text) {
        Instant instant = Instant.parse(text);
        String expected = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(instant.truncatedTo(ChronoUnit.MILLIS));
        assertThat(Timestamps.iso(instant)).isEqualTo(expected);
        assertThat(Instant.parse(Timestamps.iso(instant))).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
