package io.mailtrail.reports.render;

import io.mailtrail.reports.Format;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.compare.Regression;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.figures.ProviderFigures;

import java.util.Optional;

/** The plain-text alternative of the email: the regressions, the summary and the providers, no pictures. */
public final class TextReport {

    public String render(Report report) {
        StringBuilder t = new StringBuilder(4096);
        PeriodFigures now = report.current();
        Optional<PeriodFigures> before = report.previousPeriod();
        t.append(HtmlReport.title(report)).append('\n')
                .append(HtmlReport.WHEN.format(now.period().from())).append(" -> ").append(HtmlReport.WHEN.format(now.period().to())).append('\n');
        before.ifPresent(p -> t.append("compared with ").append(HtmlReport.WHEN.format(p.period().from())).append(" -> ")
                .append(HtmlReport.WHEN.format(p.period().to())).append('\n'));
        t.append('\n');
        if (report.regressions().isEmpty()) {
            t.append(before.isPresent() ? "Nothing got notably worse than in the previous period.\n" : "No rate above its limit.\n");
        } else {
            t.append("Notably worse:\n");
            for (Regression r : report.regressions()) {
                t.append("  - ").append(r.text()).append('\n');
            }
        }
        if (report.isEmpty()) {
            t.append("\nNo call and no delivery event in this period.\n");
        }
        t.append("\nSummary").append(before.isPresent() ? " (this period | previous period)" : "").append(":\n");
        for (Row row : Rows.SUMMARY) {
            t.append("  ").append(row.label()).append(": ").append(row.show(now));
            before.ifPresent(p -> t.append(" | ").append(row.show(p)));
            t.append('\n');
        }
        if (!now.calls().providers().isEmpty()) {
            t.append("\nProviders (attempts, success of sends, p50/p95/p99):\n");
            for (ProviderFigures p : now.calls().providers()) {
                t.append("  ").append(p.provider()).append(": ").append(Format.count(p.attempts())).append(", ")
                        .append(Format.percent(p.sendSuccessRate())).append(", ").append(Format.millis(p.latency().p50Ms())).append(" / ")
                        .append(Format.millis(p.latency().p95Ms())).append(" / ").append(Format.millis(p.latency().p99Ms())).append('\n');
            }
        }
        if (now.delivery().events() == 0) {
            t.append("\nNo delivery events in this period.\n");
        }
        t.append("\nThe charts are in the HTML part of this message.\n");
        return t.toString();
    }
}
