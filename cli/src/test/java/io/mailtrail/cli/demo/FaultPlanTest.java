package io.mailtrail.cli.demo;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest {

    private static final Instant START = Instant.parse("2026-12-01T22:00:00Z");

    private static FaultPlan at(Duration elapsed) {
        return new FaultPlan(FaultPlan.STANDARD, START, Duration.ofMinutes(2), Clock.fixed(START.plus(elapsed), ZoneOffset.UTC));
    }

    @Test
    void theStandardPlanCutsSendgridThenRateLimitsSesThenSlowsMailgun() {
        assertThat(at(Duration.ofSeconds(5)).activeNow()).isEmpty();
        assertThat(at(Duration.ofSeconds(30)).active("sendgrid", Fault.Kind.OUTAGE)).isPresent();
        assertThat(at(Duration.ofSeconds(30)).active("ses", Fault.Kind.RATE_LIMIT)).isEmpty();
        assertThat(at(Duration.ofSeconds(60)).active("ses", Fault.Kind.RATE_LIMIT)).isPresent();
        assertThat(at(Duration.ofSeconds(60)).active("sendgrid", Fault.Kind.OUTAGE)).isEmpty();
        assertThat(at(Duration.ofSeconds(90)).active("mailgun", Fault.Kind.LATENCY)).isPresent();
        assertThat(at(Duration.ofSeconds(110)).activeNow()).as("the end is calm").isEmpty();
    }

    @Test
    void faultsAreDescribedOnTheClockOfTheRun() {
        assertThat(FaultPlan.STANDARD.get(0).describe(Duration.ofMinutes(2))).isEqualTo("sendgrid outage (HTTP 503) from 0:18 to 0:54");
        assertThat(FaultPlan.STANDARD.get(1).describe(Duration.ofSeconds(20)))
                .isEqualTo("ses rate limiting (HTTP 429, Retry-After: 1) on 60% of requests from 0:09 to 0:13");
    }
}
