package io.mailtrail.reports;

import io.mailtrail.reports.compare.RegressionRules;
import io.mailtrail.reports.compare.Thresholds;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.figures.DeliveryFigures;
import io.mailtrail.reports.figures.ErrorMessage;
import io.mailtrail.reports.figures.Latency;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.figures.ProviderFigures;
import io.mailtrail.reports.figures.RetryFigures;
import io.mailtrail.reports.figures.TimeBucket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Figures built by hand, for the rules and renderers (the queries are tested on the real node, in the cli). */
public final class Fixtures {

    public static final ReportPeriod WEEK = new ReportPeriod(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    private Fixtures() {
    }

    public static ProviderFigures provider(String name, long attempts, double success, double p95) {
        return new ProviderFigures(name, attempts, attempts, success, success, new Latency(p95 / 2, p95, p95 * 1.2),
                Math.round(attempts * (1 - success)), Map.of("timeout", Math.round(attempts * (1 - success))));
    }

    public static CallFigures calls(long attempts, double success, double p95, List<ProviderFigures> providers, Map<String, Long> categories,
                                    long retries, String errorMessage) {
        return calls(WEEK, attempts, success, p95, providers, categories, retries, errorMessage);
    }

    public static CallFigures calls(ReportPeriod period, long attempts, double success, double p95, List<ProviderFigures> providers,
                                    Map<String, Long> categories, long retries, String errorMessage) {
        List<TimeBucket> buckets = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            buckets.add(new TimeBucket(period.from().plus(Duration.ofDays(d)), attempts / 7, attempts / 7, success, success,
                    new Latency(p95 / 2, p95 + d, p95 * 1.2)));
        }
        long failures = categories.values().stream().mapToLong(Long::longValue).sum();
        return new CallFigures(attempts, attempts, success, success, new Latency(p95 / 2, p95, p95 * 1.2), failures, categories, buckets,
                providers, List.of(new ErrorMessage("timeout", "(none)", failures, errorMessage)),
                new RetryFigures(retries, attempts == 0 ? null : (double) retries / attempts, 1000.0, 4000.0, 0, null, null, Map.of()));
    }

    public static DeliveryFigures delivery(long delivered, long bounced, long complained) {
        Map<String, Long> statuses = new LinkedHashMap<>();
        statuses.put("delivered", delivered);
        statuses.put("bounced_hard", bounced);
        statuses.put("complained", complained);
        return new DeliveryFigures(delivered + bounced + complained, statuses, (double) bounced / (delivered + bounced), delivered + bounced,
                (double) complained / (delivered + complained), delivered + complained);
    }

    /** A week whose sendgrid got slow, against a quiet week before. */
    public static Report report(String errorMessage) {
        PeriodFigures before = new PeriodFigures(WEEK.previous(), calls(WEEK.previous(), 1000, 0.99, 400, List.of(provider("sendgrid", 700, 0.99, 400),
                provider("ses", 300, 0.99, 200)), Map.of("timeout", 10L), 5, errorMessage), delivery(900, 10, 0));
        PeriodFigures now = new PeriodFigures(WEEK, calls(1000, 0.99, 1100, List.of(provider("sendgrid", 700, 0.99, 1100),
                provider("ses", 300, 0.99, 200)), Map.of("timeout", 10L), 5, errorMessage), delivery(900, 10, 0));
        RegressionRules rules = new RegressionRules(Thresholds.DEFAULTS);
        return new Report("production", WEEK.to(), now, before, rules.regressions(now, Optional.of(before)), Thresholds.DEFAULTS);
    }
}
