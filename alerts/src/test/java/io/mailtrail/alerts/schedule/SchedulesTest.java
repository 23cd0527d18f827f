package io.mailtrail.alerts.schedule;

import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTest {

    private static Schedule parse(String json) {
        return Schedules.parse(Json.parse(json));
    }

    @Test
    void aYearlyScheduleFiresInItsMonthByNumberOrName() {
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        assertThat(parse("{\"yearly\":{\"in\":3,\"on\":1,\"at\":\"07:00\"}}").nextAfter(start, start)).contains(Instant.parse("2027-03-01T07:00:00Z"));
        assertThat(parse("{\"yearly\":{\"in\":\"march\",\"on\":1,\"at\":\"07:00\"}}").nextAfter(start, start)).contains(Instant.parse("2027-03-01T07:00:00Z"));
    }

    @Test
    void aMonthOutsideOneToTwelveIsAParseErrorNotACrash() {
        for (String month : new String[] {"13", "0", "\"13\""}) {
            assertThatThrownBy(() -> parse("{\"yearly\":{\"in\":" + month + "}}")).as(month)
                    .isInstanceOf(WatchException.class).hasMessageContaining("yearly");
        }
    }
}
