package io.mailtrail.tracker.smtp;

import io.mailtrail.testsupport.ScriptedSmtpServer;
import io.mailtrail.testsupport.SmtpStage;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code mail.smtp.sendpartial=true}: the server refuses one recipient of two and takes the message for the other.
 * Angus Mail then throws an {@link SMTPSendFailedException} carrying the final 250 of DATA, with the refusal
 * chained behind it; the event must come from the refusal, not from that 250.
 */
class TrackedTransportPartialSendTest {

    @Test
    void aRefusedRecipientOfAPartialSendIsTheFailureNotTheServersFinal250() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
            server.replyOnce(SmtpStage.RCPT, "250 2.1.5 Ok");
            server.replyOnce(SmtpStage.RCPT, "550 5.1.1 <gone@two.example>: Recipient address rejected: User unknown");
            Properties props = new Properties();
            props.put("mail.smtp.host", server.host());
            props.put("mail.smtp.port", String.valueOf(server.port()));
            props.put("mail.smtp.sendpartial", "true");
            Session session = Session.getInstance(props);
            CapturedEvents events = new CapturedEvents();
            MailTracker tracker = MailTracker.builder().tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("shop@example.com"));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse("dave@one.example, gone@two.example"));
            m.setText("Shipped");

            Throwable thrown = catchThrowable(() -> TrackedTransport.builder(tracker, session).build()
                    .send(TrackedTransport.describe("smtp", m).build(), m));

            assertThat(thrown).as("what the application sees is unchanged").isInstanceOf(SMTPSendFailedException.class);
            assertThat(((SMTPSendFailedException) thrown).getReturnCode()).isEqualTo(250);
            assertThat(server.messages()).as("delivered to the accepted recipient").hasSize(1);
            Map<String, Object> e = events.onlyCall();
            assertThat(e).containsEntry("event.outcome", "failure")
                    .containsEntry("mailtrail.error.category", "recipient_rejected")
                    .containsEntry("mailtrail.error.retryable", false)
                    .containsEntry("mailtrail.smtp.reply_code", 550)
                    .containsEntry("mailtrail.smtp.enhanced_status", "5.1.1");
            assertThat(String.valueOf(e)).doesNotContain("gone@", "dave@");
        }
    }
}
