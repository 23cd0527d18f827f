package io.mailtrail.reports.compare;

import io.mailtrail.reports.Fixtures;
import io.mailtrail.reports.figures.PeriodFigures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mailtrail.reports.Fixtures.WEEK;
import static io.mailtrail.reports.Fixtures.calls;
import static io.mailtrail.reports.Fixtures.delivery;
import static io.mailtrail.reports.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

class RegressionRulesTest {

    private final RegressionRules rules = new RegressionRules(Thresholds.DEFAULTS);

    private static PeriodFigures period(long attempts, double success, double sendgridP95, long timeouts, long bounced, long complaints) {
        return new PeriodFigures(WEEK, calls(attempts, success, sendgridP95, List.of(provider("sendgrid", attempts, success, sendgridP95)),
                Map.of("timeout", timeouts), 0, "x"), delivery(1000, bounced, complaints));
    }

    private List<String> texts(PeriodFigures now, PeriodFigures before) {
        return rules.regressions(now, Optional.of(before)).stream().map(Regression::text).toList();
    }

    @Test
    void aLatencyRiseIsListedFrom25PercentAnd50Milliseconds() {
        PeriodFigures before = period(1000, 0.99, 400, 10, 0, 0);
        assertThat(texts(period(1000, 0.99, 499, 10, 0, 0), before)).as("+24.75 %").isEmpty();
        assertThat(texts(period(1000, 0.99, 500, 10, 0, 0), before)).contains("sendgrid p95 +25 % (400 ms → 500 ms)", "latency p95 +25 % (400 ms → 500 ms)");
        PeriodFigures fast = period(1000, 0.99, 40, 10, 0, 0);
        assertThat(texts(period(1000, 0.99, 80, 10, 0, 0), fast)).as("+100 % but only 40 ms").isEmpty();
    }

    @Test
    void aSuccessRateDropIsListedFromOnePoint() {
        PeriodFigures before = period(1000, 0.99, 400, 10, 0, 0);
        assertThat(texts(period(1000, 0.981, 400, 10, 0, 0), before)).isEmpty();
        assertThat(texts(period(1000, 0.98, 400, 10, 0, 0), before)).contains("send success rate -1.00 pp (99.00 % → 98.00 %)");
    }

    @Test
    void aCategoryWhoseShareRisesByHalfAPointIsListed() {
        PeriodFigures before = period(1000, 0.99, 400, 10, 0, 0);
        assertThat(texts(period(1000, 0.99, 400, 14, 0, 0), before)).isEmpty();
        assertThat(texts(period(1000, 0.99, 400, 15, 0, 0), before)).containsExactly("timeout failures +0.50 pp of attempts (1.00 % → 1.50 %)");
    }

    @Test
    void tooFewEventsAreNotCompared() {
        assertThat(texts(period(49, 0.5, 4000, 20, 0, 0), period(49, 1.0, 400, 0, 0, 0))).isEmpty();
    }

    @Test
    void halfTheVolumeGoneIsListed() {
        assertThat(texts(period(500, 0.99, 400, 5, 0, 0), period(1000, 0.99, 400, 10, 0, 0))).containsExactly("attempts -50 % (1,000 → 500)");
    }

    @Test
    void ratesAboveTheirLimitsAreListedFirstAndWithoutComparison() {
        PeriodFigures now = period(1000, 0.99, 400, 10, 60, 2);
        List<Regression> alone = rules.regressions(now, Optional.empty());
        assertThat(alone).extracting(Regression::text).containsExactly(
                "bounce rate 5.66 % is above the 5.00 % limit", "complaint rate 0.20 % is above the 0.10 % limit");
        assertThat(rules.regressions(period(1000, 0.99, 400, 10, 52, 1), Optional.empty())).as("4.94 %, 0.10 %: at, not above").isEmpty();
        assertThat(texts(period(1000, 0.98, 400, 10, 60, 0), period(1000, 0.99, 400, 10, 0, 0)).get(0))
                .isEqualTo("bounce rate 5.66 % is above the 5.00 % limit (was 0.00 %)");
    }
}
