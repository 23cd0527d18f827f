package io.mailtrail.cli.report;

import io.mailtrail.alerts.mail.InlineImage;
import io.mailtrail.alerts.mail.MailMessage;
import io.mailtrail.alerts.mail.MailSender;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.mail.ReportEmail;

import java.util.List;

/**
 * Sends a {@link ReportEmail} with the alert engine's {@link MailSender}: text alternative, HTML, and each chart
 * as an inline image part whose Content-ID the HTML names ({@code cid:}); the sender lays them out as
 * {@code multipart/alternative} around {@code multipart/related}.
 */
final class ReportMail {

    private ReportMail() {
    }

    static MailMessage message(ReportEmail email, List<String> recipients) {
        MailMessage.Builder b = MailMessage.builder().to(recipients).subject(email.subject()).text(email.text()).html(email.html());
        for (Chart chart : email.images()) {
            b.inlineImage(new InlineImage(chart.contentId(), "image/png", chart.png(), chart.id() + ".png"));
        }
        return b.build();
    }

    /** @return the Message-ID of the sent mail */
    static String send(MailSender sender, ReportEmail email, List<String> recipients) {
        return sender.send(message(email, recipients));
    }
}
