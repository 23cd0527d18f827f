package io.mailtrail.tracker.smtp;

import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.MessageIds;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.smtp.ScriptedSmtpServer.Stage;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 12, SMTP side: the sender as a bare address, the Message-ID on failures once it is set. */
class TrackedTransportFieldsTest {

    @Test
    void theSenderIsStoredWithoutItsDisplayName() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().answer(Stage.DATA_END, "250 2.0.0 Ok: queued")) {
            CapturedEvents events = new CapturedEvents();
            MimeMessage m = send(server, events);

            assertThat(m.getFrom()[0].toString()).isEqualTo("Shop Billing <billing@shop.example>");
            assertThat(events.onlyCall()).containsEntry("email.from.address", List.of("billing@shop.example"))
                    .containsEntry("mailtrail.recipient.domain", List.of("example.org"));
        }
    }

    @Test
    void aRefusalAfterDataCarriesTheMessageId() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().answer(Stage.DATA_END, "554 5.7.1 Message rejected as spam")) {
            CapturedEvents events = new CapturedEvents();
            MimeMessage m = send(server, events);

            Map<String, Object> e = events.onlyCall();
            assertThat(m.getMessageID()).isNotBlank();
            assertThat(e).containsEntry("event.outcome", "failure")
                    .containsEntry("mailtrail.error.category", "content_rejected")
                    .containsEntry("email.message_id", MessageIds.normalise(m.getMessageID()));
        }
    }

    @Test
    void aRefusedConnectionHasNoMessageIdYet() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().answer(Stage.GREETING, "554 5.7.1 Client host blocked using zen.spamhaus.org")) {
            CapturedEvents events = new CapturedEvents();
            send(server, events);

            assertThat(events.onlyCall()).containsEntry("mailtrail.error.category", "sender_blocklisted")
                    .doesNotContainKey("email.message_id");
        }
    }

    private static MimeMessage send(ScriptedSmtpServer server, CapturedEvents events) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        Session session = Session.getInstance(props);
        MailTracker tracker = MailTracker.builder().tracing(Tracing.mdcOnly())
                .privacy(PrivacyPolicy.builder().senderAddress(true).build())
                .loggerFactory(events.loggerFactory()).build();
        MimeMessage m = new MimeMessage(session);
        try {
            m.setFrom(new InternetAddress("billing@shop.example", "Shop Billing"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("Bob Smith <bob@example.org>"));
        m.setText("body");
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).build();
        catchThrowable(() -> smtp.send(TrackedTransport.describe("smtp", m).build(), m));
        return m;
    }
}
