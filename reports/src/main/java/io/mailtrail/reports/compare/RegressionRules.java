package io.mailtrail.reports.compare;

import io.mailtrail.reports.Format;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.figures.DeliveryFigures;
import io.mailtrail.reports.figures.Latency;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.figures.ProviderFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Compares two periods and lists what got notably worse by {@link Thresholds}; limit breaches first. */
public final class RegressionRules {

    private static final List<String> PERCENTILES = List.of("p50", "p95", "p99");
    /** Rates are ratios of counts: 15/1000 - 10/1000 must count as the 0.005 it is. */
    private static final double EPSILON = 1e-9;

    private final Thresholds thresholds;

    public RegressionRules(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /**
     * @param previous the period before, or empty when no comparison was asked for: then only limit breaches
     */
    public List<Regression> regressions(PeriodFigures current, Optional<PeriodFigures> previous) {
        List<Regression> out = new ArrayList<>(limits(current.delivery(), previous.map(PeriodFigures::delivery)));
        previous.ifPresent(p -> out.addAll(calls(current.calls(), p.calls())));
        return List.copyOf(out);
    }

    private List<Regression> limits(DeliveryFigures now, Optional<DeliveryFigures> before) {
        List<Regression> out = new ArrayList<>();
        if (now.bounceRate() != null && now.bounceRate() > thresholds.bounceRateLimit()) {
            Double was = before.map(DeliveryFigures::bounceRate).orElse(null);
            out.add(new Regression("bounce_rate", "all", was, now.bounceRate(), "bounce rate " + Format.percent(now.bounceRate())
                    + " is above the " + Format.percent(thresholds.bounceRateLimit()) + " limit" + wasText(was)));
        }
        if (now.complaintRate() != null && now.complaintRate() > thresholds.complaintRateLimit()) {
            Double was = before.map(DeliveryFigures::complaintRate).orElse(null);
            out.add(new Regression("complaint_rate", "all", was, now.complaintRate(), "complaint rate " + Format.percent(now.complaintRate())
                    + " is above the " + Format.percent(thresholds.complaintRateLimit()) + " limit" + wasText(was)));
        }
        return out;
    }

    private static String wasText(Double was) {
        return was == null ? "" : " (was " + Format.percent(was) + ")";
    }

    private List<Regression> calls(CallFigures now, CallFigures before) {
        List<Regression> out = new ArrayList<>();
        if (before.attempts() >= thresholds.minEvents()
                && now.attempts() <= before.attempts() * (1 - thresholds.volumeDrop()) + EPSILON) {
            double change = before.attempts() == 0 ? 0 : (double) (now.attempts() - before.attempts()) / before.attempts();
            out.add(new Regression("attempts", "all", (double) before.attempts(), (double) now.attempts(),
                    "attempts " + Format.change(change) + " (" + Format.count(before.attempts()) + " → " + Format.count(now.attempts()) + ")"));
        }
        if (!comparable(now.attempts(), before.attempts())) {
            return out;
        }
        successDrop(out, "success_rate.attempts", "all", "attempt success rate", before.attemptSuccessRate(), now.attemptSuccessRate());
        successDrop(out, "success_rate.sends", "all", "send success rate", before.sendSuccessRate(), now.sendSuccessRate());
        latencyRise(out, "all", "latency", before.latency(), now.latency());
        Double retryBefore = before.retries().retryRate();
        Double retryNow = now.retries().retryRate();
        if (retryBefore != null && retryNow != null && atLeast(retryNow - retryBefore, thresholds.retryRateRise())) {
            out.add(new Regression("retry_rate", "all", retryBefore, retryNow, "retries " + Format.points(retryNow - retryBefore)
                    + " of attempts (" + Format.percent(retryBefore) + " → " + Format.percent(retryNow) + ")"));
        }
        for (var e : now.failuresByCategory().entrySet()) {
            double shareNow = (double) e.getValue() / now.attempts();
            double shareBefore = (double) before.failuresByCategory().getOrDefault(e.getKey(), 0L) / before.attempts();
            if (atLeast(shareNow - shareBefore, thresholds.categoryRise())) {
                out.add(new Regression("failure_share", e.getKey(), shareBefore, shareNow, e.getKey() + " failures "
                        + Format.points(shareNow - shareBefore) + " of attempts (" + Format.percent(shareBefore) + " → " + Format.percent(shareNow) + ")"));
            }
        }
        for (ProviderFigures p : now.providers()) {
            Optional<ProviderFigures> was = before.provider(p.provider());
            if (was.isEmpty() || !comparable(p.attempts(), was.get().attempts())) {
                continue;
            }
            successDrop(out, "success_rate.attempts", p.provider(), p.provider() + " attempt success rate",
                    was.get().attemptSuccessRate(), p.attemptSuccessRate());
            successDrop(out, "success_rate.sends", p.provider(), p.provider() + " send success rate",
                    was.get().sendSuccessRate(), p.sendSuccessRate());
            latencyRise(out, p.provider(), p.provider(), was.get().latency(), p.latency());
        }
        return out;
    }

    private static boolean atLeast(double value, double threshold) {
        return value >= threshold - EPSILON;
    }

    private boolean comparable(long now, long before) {
        return now >= thresholds.minEvents() && before >= thresholds.minEvents();
    }

    private void successDrop(List<Regression> out, String metric, String subject, String label, Double before, Double now) {
        if (before != null && now != null && atLeast(before - now, thresholds.successRateDrop())) {
            out.add(new Regression(metric, subject, before, now,
                    label + " " + Format.points(now - before) + " (" + Format.percent(before) + " → " + Format.percent(now) + ")"));
        }
    }

    private void latencyRise(List<Regression> out, String subject, String label, Latency before, Latency now) {
        for (String p : PERCENTILES) {
            Double b = before.get(p);
            Double n = now.get(p);
            if (b == null || n == null || b <= 0) {
                continue;
            }
            if (atLeast(n - b, thresholds.latencyMinRiseMs()) && atLeast((n - b) / b, thresholds.latencyRise())) {
                out.add(new Regression("latency." + p, subject, b, n,
                        label + " " + p + " " + Format.change((n - b) / b) + " (" + Format.millis(b) + " → " + Format.millis(n) + ")"));
            }
        }
    }
}
