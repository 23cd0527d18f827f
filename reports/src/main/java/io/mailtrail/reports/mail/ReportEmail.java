package io.mailtrail.reports.mail;

import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.render.HtmlReport;
import io.mailtrail.reports.render.ImageSource;
import io.mailtrail.reports.render.TextReport;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;

/**
 * Builds the report email: {@code multipart/alternative} of a text part and a {@code multipart/related}
 * whose HTML refers to the charts by {@code cid:}, each chart an inline {@code image/png} part with its
 * Content-ID. No script, no data URI (most mail clients block both), no remote image.
 */
public final class ReportEmail {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final HtmlReport html = new HtmlReport();
    private final TextReport text = new TextReport();

    /** The subject: namespace, period and how many things got worse, so the inbox line says it all. */
    public static String subject(Report report) {
        int worse = report.regressions().size();
        return "mailtrail report " + report.namespace() + " " + DAY.format(report.current().period().from()) + " → "
                + DAY.format(report.current().period().to()) + (worse == 0 ? ": nothing notably worse" : ": " + worse + " notably worse");
    }

    public MimeMessage message(Session session, Report report, List<Chart> charts, InternetAddress from, List<InternetAddress> to)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(new InternetAddress[0]));
        message.setSubject(subject(report), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(report.generatedAt()));

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.render(report), StandardCharsets.UTF_8.name());

        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html.render(report, charts, ImageSource.CONTENT_ID), StandardCharsets.UTF_8.name(), "html");
        related.addBodyPart(htmlPart);
        for (Chart chart : charts) {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(chart.png(), "image/png")));
            image.setContentID("<" + chart.contentId() + ">");
            image.setDisposition(MimeBodyPart.INLINE);
            image.setFileName(chart.id() + ".png");
            related.addBodyPart(image);
        }
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(relatedPart);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
