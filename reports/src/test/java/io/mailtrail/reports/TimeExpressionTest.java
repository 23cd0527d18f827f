package io.mailtrail.reports;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeExpressionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T22:10:00Z");

    @Test
    void relativeAbsoluteAndDates() {
        assertThat(TimeExpression.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeExpression.parse("now-7d", NOW)).isEqualTo(Instant.parse("2026-11-24T22:10:00Z"));
        assertThat(TimeExpression.parse("now-2w", NOW)).isEqualTo(Instant.parse("2026-11-17T22:10:00Z"));
        assertThat(TimeExpression.parse("now-36h", NOW)).isEqualTo(Instant.parse("2026-11-30T10:10:00Z"));
        assertThat(TimeExpression.parse("now-90m", NOW)).isEqualTo(Instant.parse("2026-12-01T20:40:00Z"));
        assertThat(TimeExpression.parse("2026-11-23T06:00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(TimeExpression.parse("2026-11-23", NOW)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void anythingElseIsOneLineNamingTheValue() {
        assertThatThrownBy(() -> TimeExpression.parse("now-7y", NOW)).hasMessageStartingWith("'now-7y' is no time: use now, now-<n><m|h|d|w>");
        assertThatThrownBy(() -> TimeExpression.parse("last week", NOW)).hasMessageStartingWith("'last week' is no time");
    }

    @Test
    void bucketsFollowThePeriodLength() {
        assertThat(new ReportPeriod(NOW.minusSeconds(86400), NOW).bucket()).hasHours(1);
        assertThat(new ReportPeriod(NOW.minusSeconds(7 * 86400), NOW).bucket()).hasDays(1);
        assertThat(new ReportPeriod(NOW.minusSeconds(90 * 86400L), NOW).bucket()).hasDays(7);
        assertThat(new ReportPeriod(NOW.minusSeconds(7 * 86400), NOW).previous())
                .isEqualTo(new ReportPeriod(NOW.minusSeconds(14 * 86400), NOW.minusSeconds(7 * 86400)));
    }
}
