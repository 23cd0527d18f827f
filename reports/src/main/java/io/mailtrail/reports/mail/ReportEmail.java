package io.mailtrail.reports.mail;

import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.render.HtmlReport;
import io.mailtrail.reports.render.ImageSource;
import io.mailtrail.reports.render.TextReport;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * What the report email says, independent of how it is sent: a subject, a text alternative, and an HTML body
 * that refers to each chart by {@code cid:<chart.contentId()>}, the charts to attach as inline
 * {@code image/png} parts of a {@code multipart/related}. No script, no data URI (most mail clients block
 * both), no remote image. The cli hands it to the alert engine's mail sender ({@code io.mailtrail.alerts.mail}).
 *
 * @param subject namespace, period and how many things got worse: the inbox line says it all
 * @param text    the plain-text alternative
 * @param html    the HTML body, images by {@code cid:}
 * @param images  the charts, each to become an inline part with Content-ID {@code <chart.contentId()>}
 */
public record ReportEmail(String subject, String text, String html, List<Chart> images) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public ReportEmail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        images = List.copyOf(images);
    }

    public static ReportEmail of(Report report, List<Chart> charts) {
        return new ReportEmail(subject(report), new TextReport().render(report),
                new HtmlReport().render(report, charts, ImageSource.CONTENT_ID), charts);
    }

    static String subject(Report report) {
        int worse = report.regressions().size();
        return "mailtrail report " + report.namespace() + ", " + DAY.format(report.current().period().from()) + " to "
                + DAY.format(report.current().period().to()) + " UTC: "
                + (report.isEmpty() ? "no events" : worse == 0 ? "nothing notably worse" : worse + " notably worse");
    }
}
