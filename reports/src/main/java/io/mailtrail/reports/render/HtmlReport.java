package io.mailtrail.reports.render;

import io.mailtrail.reports.Format;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.compare.Regression;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.figures.DeliveryFigures;
import io.mailtrail.reports.figures.ErrorMessage;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.figures.ProviderFigures;
import io.mailtrail.reports.figures.RetryFigures;
import io.mailtrail.schema.Dataset;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.mailtrail.reports.render.Html.esc;

/**
 * The report as one HTML document: inline CSS, no script, images through an {@link ImageSource}. Every
 * figure cell carries {@code data-metric} so that tests (and scrapers) find it without parsing layout.
 */
public final class HtmlReport {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;max-width:780px;margin:0 auto;padding:16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#666;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
            th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
            th{background:#f6f6f6}.bad{color:#b00020;font-weight:bold}.ok{color:#1b7f3b}.note{color:#666;font-size:13px}
            .regressions{background:#fff4f4;border:1px solid #f0c0c0;padding:8px 16px}.fine{background:#f3fbf5;border:1px solid #bfe3c9;padding:8px 16px}
            img{max-width:100%;height:auto;margin:8px 0}
            """;

    public String render(Report report, List<Chart> charts, ImageSource images) {
        StringBuilder h = new StringBuilder(64 * 1024);
        PeriodFigures now = report.current();
        Optional<PeriodFigures> before = report.previousPeriod();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(title(report))).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title(report))).append("</h1>\n<p class=\"meta\">")
                .append(esc(WHEN.format(now.period().from()))).append(" → ").append(esc(WHEN.format(now.period().to())));
        before.ifPresent(p -> h.append(" · compared with ").append(esc(WHEN.format(p.period().from()))).append(" → ")
                .append(esc(WHEN.format(p.period().to()))));
        h.append("<br>data streams ").append(esc(Dataset.CALLS.dataStream(report.namespace()))).append(", ")
                .append(esc(Dataset.DELIVERY.dataStream(report.namespace()))).append(" · generated ")
                .append(esc(WHEN.format(report.generatedAt()))).append("</p>\n");

        regressions(h, report);
        if (report.isEmpty()) {
            h.append("<p class=\"note\" id=\"empty\">No call and no delivery event in this period: nothing to chart. Check --namespace and")
                    .append(" that the application ships events (mailtrail's appender) to this cluster.</p>\n");
        }
        summary(h, now, before);
        chart(h, charts, "volume", images);
        chart(h, charts, "success-rate", images);
        chart(h, charts, "latency", images);
        providers(h, now.calls(), before.map(PeriodFigures::calls));
        chart(h, charts, "provider-latency", images);
        failures(h, now.calls(), before.map(PeriodFigures::calls));
        chart(h, charts, "failures", images);
        topErrors(h, now.calls());
        retries(h, now.calls().retries());
        delivery(h, report);
        chart(h, charts, "delivery", images);
        thresholds(h, report);
        h.append("</body></html>\n");
        return h.toString();
    }

    static String title(Report report) {
        return "mailtrail report · " + report.namespace();
    }

    private static void regressions(StringBuilder h, Report report) {
        List<Regression> list = report.regressions();
        if (!list.isEmpty()) {
            h.append("<div class=\"regressions\" id=\"regressions\"><h2>Notably worse</h2><ul>\n");
            for (Regression r : list) {
                h.append("<li class=\"bad\" data-regression=\"").append(esc(r.metric())).append('|').append(esc(r.subject())).append("\">")
                        .append(esc(r.text())).append("</li>\n");
            }
            h.append("</ul></div>\n");
        } else if (report.previousPeriod().isPresent()) {
            h.append("<div class=\"fine\" id=\"regressions\"><p class=\"ok\">Nothing got notably worse than in the previous period.</p></div>\n");
        } else {
            h.append("<div class=\"fine\" id=\"regressions\"><p class=\"ok\">No rate above its limit.</p>")
                    .append("<p class=\"note\">No comparison with the previous period (run with --compare-previous).</p></div>\n");
        }
    }

    private static void summary(StringBuilder h, PeriodFigures now, Optional<PeriodFigures> before) {
        h.append("<h2>Summary</h2><table id=\"summary\"><tr><th>figure</th><th>this period</th>");
        before.ifPresent(p -> h.append("<th>previous period</th><th>change</th>"));
        h.append("</tr>\n");
        for (Row row : Rows.SUMMARY) {
            h.append("<tr><td>").append(esc(row.label())).append("</td>");
            cell(h, "current." + row.key(), row.show(now));
            before.ifPresent(p -> {
                cell(h, "previous." + row.key(), row.show(p));
                h.append("<td>").append(esc(row.change(now, p))).append("</td>");
            });
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void cell(StringBuilder h, String metric, String text) {
        h.append("<td data-metric=\"").append(esc(metric)).append("\">").append(esc(text)).append("</td>");
    }

    private static void chart(StringBuilder h, List<Chart> charts, String id, ImageSource images) {
        charts.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(c -> h.append("<img id=\"chart-").append(esc(c.id()))
                .append("\" alt=\"").append(esc(c.title())).append("\" width=\"720\" height=\"300\" src=\"").append(esc(images.src(c)))
                .append("\">\n"));
    }

    private static void providers(StringBuilder h, CallFigures now, Optional<CallFigures> before) {
        h.append("<h2>Providers</h2>");
        if (now.providers().isEmpty()) {
            h.append("<p class=\"note\">No call in this period.</p>\n");
            return;
        }
        h.append("<table id=\"providers\"><tr><th>provider</th><th>attempts</th><th>logical sends</th><th>success of attempts</th>")
                .append("<th>success of sends</th><th>p50</th><th>p95</th><th>p99</th><th>failed</th>");
        before.ifPresent(b -> h.append("<th>p95 before</th>"));
        h.append("</tr>\n");
        for (ProviderFigures p : now.providers()) {
            String k = "current.providers." + p.provider() + ".";
            h.append("<tr><td>").append(esc(p.provider())).append("</td>");
            cell(h, k + "attempts", Format.count(p.attempts()));
            cell(h, k + "sends", Format.count(p.sends()));
            cell(h, k + "attempt_success_rate", Format.percent(p.attemptSuccessRate()));
            cell(h, k + "send_success_rate", Format.percent(p.sendSuccessRate()));
            cell(h, k + "latency.p50", Format.millis(p.latency().p50Ms()));
            cell(h, k + "latency.p95", Format.millis(p.latency().p95Ms()));
            cell(h, k + "latency.p99", Format.millis(p.latency().p99Ms()));
            cell(h, k + "failures", Format.count(p.failures()));
            before.ifPresent(b -> cell(h, "previous.providers." + p.provider() + ".latency.p95",
                    b.provider(p.provider()).map(was -> Format.millis(was.latency().p95Ms())).orElse(Format.NONE)));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (now.providers().size() == 1) {
            h.append("<p class=\"note\">One provider in this period: ").append(esc(now.providers().get(0).provider())).append(".</p>\n");
        }
    }

    private static void failures(StringBuilder h, CallFigures now, Optional<CallFigures> before) {
        h.append("<h2>Failures by error category</h2>");
        if (now.failuresByCategory().isEmpty()) {
            h.append("<p class=\"ok\">No failed attempt in this period.</p>\n");
            return;
        }
        Set<String> categories = new LinkedHashSet<>(now.failuresByCategory().keySet());
        before.ifPresent(b -> categories.addAll(b.failuresByCategory().keySet()));
        h.append("<table id=\"failures\"><tr><th>category</th>");
        now.providers().forEach(p -> h.append("<th>").append(esc(p.provider())).append("</th>"));
        h.append("<th>all</th>");
        before.ifPresent(b -> h.append("<th>all, previous period</th>"));
        h.append("</tr>\n");
        for (String c : categories) {
            h.append("<tr><td>").append(esc(c)).append("</td>");
            for (ProviderFigures p : now.providers()) {
                cell(h, "current.providers." + p.provider() + ".failures." + c, Format.count(p.failuresByCategory().getOrDefault(c, 0L)));
            }
            cell(h, "current.calls.failures." + c, Format.count(now.failuresByCategory().getOrDefault(c, 0L)));
            before.ifPresent(b -> cell(h, "previous.calls.failures." + c, Format.count(b.failuresByCategory().getOrDefault(c, 0L))));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void topErrors(StringBuilder h, CallFigures now) {
        if (now.topErrors().isEmpty()) {
            return;
        }
        h.append("<h2>Top errors</h2><p class=\"note\">Failed attempts grouped by error category and code, with the latest message of each group.</p>")
                .append("<table id=\"top-errors\"><tr><th>category</th><th>code</th><th>failed attempts</th><th>latest message</th></tr>\n");
        int i = 0;
        for (ErrorMessage e : now.topErrors()) {
            h.append("<tr><td>").append(esc(e.category())).append("</td><td>").append(esc(e.code())).append("</td>");
            cell(h, "current.calls.top_errors." + i++ + ".count", Format.count(e.count()));
            h.append("<td style=\"text-align:left\">").append(esc(e.example() == null ? Format.NONE : e.example())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void retries(StringBuilder h, RetryFigures r) {
        h.append("<h2>Retries and rate limiting</h2><table id=\"retries\">");
        row(h, "retries (attempt number > 1)", "current.calls.retries.retried_attempts", Format.count(r.retriedAttempts()));
        row(h, "retries / attempts", "current.calls.retries.retry_rate", Format.percent(r.retryRate()));
        row(h, "average delay before a retry", "current.calls.retries.average_retry_delay_ms", Format.millis(r.averageRetryDelayMs()));
        row(h, "longest delay before a retry", "current.calls.retries.max_retry_delay_ms", Format.millis(r.maxRetryDelayMs()));
        row(h, "rate-limited attempts", "current.calls.retries.rate_limited", Format.count(r.rateLimited()));
        for (Map.Entry<String, Long> e : r.rateLimitedByProvider().entrySet()) {
            row(h, "rate-limited attempts, " + e.getKey(), "current.calls.retries.rate_limited." + e.getKey(), Format.count(e.getValue()));
        }
        row(h, "average wait asked by providers (retry-after)", "current.calls.retries.average_retry_after_ms", Format.millis(r.averageRetryAfterMs()));
        row(h, "lowest rate-limit budget left", "current.calls.retries.min_rate_limit_remaining",
                r.minRateLimitRemaining() == null ? Format.NONE : Format.count(r.minRateLimitRemaining().longValue()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, String metric, String value) {
        h.append("<tr><td>").append(esc(label)).append("</td>");
        cell(h, metric, value);
        h.append("</tr>\n");
    }

    private static void delivery(StringBuilder h, Report report) {
        DeliveryFigures d = report.current().delivery();
        h.append("<h2>Delivery</h2>");
        if (d.events() == 0) {
            h.append("<p class=\"note\" id=\"no-delivery\">No delivery events in this period in ")
                    .append(esc(Dataset.DELIVERY.dataStream(report.namespace())))
                    .append(": bounce and complaint rates need the providers' webhooks (see tracker/README.md, delivery events).</p>\n");
            return;
        }
        h.append("<table id=\"delivery\"><tr><th>status</th><th>events</th></tr>\n");
        d.byStatus().forEach((status, n) -> row(h, status, "current.delivery.status." + status, Format.count(n)));
        h.append("</table>\n<table id=\"rates\"><tr><th>rate</th><th>this period</th><th>limit</th></tr>\n");
        rate(h, "bounce rate", "current.delivery.bounce_rate", d.bounceRate(), report.thresholds().bounceRateLimit());
        rate(h, "complaint rate", "current.delivery.complaint_rate", d.complaintRate(), report.thresholds().complaintRateLimit());
        h.append("</table>\n");
    }

    private static void rate(StringBuilder h, String label, String metric, Double value, double limit) {
        boolean over = value != null && value > limit;
        h.append("<tr><td>").append(esc(label)).append("</td><td data-metric=\"").append(metric).append("\" class=\"")
                .append(over ? "bad" : "ok").append("\">").append(esc(Format.percent(value))).append("</td><td>")
                .append(esc(Format.percent(limit))).append("</td></tr>\n");
    }

    private static void thresholds(StringBuilder h, Report report) {
        var t = report.thresholds();
        h.append("<h2>How \"notably worse\" is decided</h2><p class=\"note\">Compared only with at least ").append(t.minEvents())
                .append(" attempts in both periods. A success rate down by ").append(esc(Format.percent(t.successRateDrop())))
                .append(" points or more; a latency percentile up by ").append(esc(Format.change(t.latencyRise())))
                .append(" and at least ").append(esc(Format.millis(t.latencyMinRiseMs()))).append("; an error category's share of attempts up by ")
                .append(esc(Format.percent(t.categoryRise()))).append(" points; retries up by ").append(esc(Format.percent(t.retryRateRise())))
                .append(" points; attempts down by ").append(esc(Format.percent(t.volumeDrop()))).append("; bounce rate above ")
                .append(esc(Format.percent(t.bounceRateLimit()))).append(" or complaint rate above ").append(esc(Format.percent(t.complaintRateLimit())))
                .append(" (always). Every figure is computed by Elasticsearch aggregations; latency percentiles are Elasticsearch's")
                .append(" t-digest estimates.</p>\n");
    }
}
