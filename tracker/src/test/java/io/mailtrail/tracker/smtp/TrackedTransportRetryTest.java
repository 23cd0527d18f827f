package io.mailtrail.tracker.smtp;

import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.RecordingDelays;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.mailtrail.tracker.smtp.ScriptedSmtpServer.Stage;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TrackedTransportRetryTest {

    @Test
    void transientRepliesAreRetriedOnNewConnectionsWithOneMessageId() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .answerOnce(Stage.GREETING, "421 4.3.2 Service not available, closing transmission channel")
                .answerOnce(Stage.MAIL, "454 4.7.0 Throttling failure: Maximum sending rate exceeded")
                .answer(Stage.DATA_END, "250 Ok 0100018c1b2c4d5e-aaaa-bbbb-cccc-000000")) {
            CapturedEvents events = new CapturedEvents();
            RecordingDelays delays = new RecordingDelays();
            MailTracker tracker = MailTracker.builder().retryPolicy(RetryPolicy.builder().maxAttempts(4).build())
                    .delays(delays).tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(props);
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("noreply@shop.test"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.org"));
            m.setText("hi");

            SmtpReceipt receipt = TrackedTransport.builder(tracker, session).build()
                    .send(Email.builder("ses").to("rcpt@example.org").build(), m);

            assertThat(receipt.messageId()).isEqualTo("0100018c1b2c4d5e-aaaa-bbbb-cccc-000000");
            assertThat(server.connections()).isEqualTo(3);
            assertThat(delays.asked).hasSize(2);
            List<Map<String, Object>> e = events.calls();
            assertThat(e).extracting(x -> x.get("mailtrail.error.category"))
                    .containsExactly("provider_unavailable", "rate_limited", null);
            assertThat(e).extracting(x -> x.get("mailtrail.attempt.final")).containsExactly(false, false, true);
            assertThat(e).extracting(x -> x.get("mailtrail.send.id")).containsOnly(e.get(0).get("mailtrail.send.id"));
            assertThat(e.get(2)).containsEntry("email.message_id", "0100018c1b2c4d5e-aaaa-bbbb-cccc-000000")
                    .containsEntry("mailtrail.smtp.reply_code", 250);
        }
    }
}
