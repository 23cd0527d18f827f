package io.mailtrail.tracker.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The SMTP adapter against a real SMTP server (GreenMail on a free loopback port). */
class TrackedTransportGreenMailTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sender@shop.test", "sender", "right-password"));

    private final CapturedEvents events = new CapturedEvents();
    private final MailTracker tracker = MailTracker.builder().tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();

    private Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(GREEN_MAIL.getSmtp().getPort()));
        props.put("mail.smtp.auth", "true");
        return Session.getInstance(props);
    }

    private static MimeMessage message(Session session, String... to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("sender@shop.test"));
        for (String address : to) {
            InternetAddress a = new InternetAddress();
            a.setAddress(address); // unchecked: the server, not the client, must refuse a bad one
            m.addRecipient(Message.RecipientType.TO, a);
        }
        m.setSubject("Order 4711 confirmed");
        m.setText("Dear customer, the body stays out of the logs.");
        return m;
    }

    @Test
    void acceptedMessageIsDeliveredAndRecordedWithReplyAndMessageId() throws Exception {
        Session session = session();
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).credentials("sender", "right-password").build();
        MimeMessage m = message(session, "customer@example.org");

        SmtpReceipt receipt = smtp.send(TrackedTransport.describe("smtp", m).template("order-confirmation").build(), m);

        assertThat(receipt.replyCode()).isEqualTo(250);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        String headerId = m.getMessageID();
        assertThat(receipt.messageId()).isEqualTo(headerId.substring(1, headerId.length() - 1));
        Map<String, Object> e = events.onlyCall();
        assertThat(e).containsEntry("event.outcome", "success")
                .containsEntry("mailtrail.smtp.reply_code", 250)
                .containsEntry("email.message_id", receipt.messageId())
                .containsEntry("mailtrail.template", "order-confirmation")
                .containsEntry("mailtrail.recipient.domain", java.util.List.of("example.org"))
                .containsEntry("destination.port", GREEN_MAIL.getSmtp().getPort())
                .doesNotContainKey("email.subject");
        assertThat(events.callJson().get(0)).doesNotContain("customer@", "Order 4711", "body stays out", "right-password");
    }

    @Test
    void defaultTimeoutsAreSetOnlyWhereTheSessionHasNone() {
        Session session = session();
        session.getProperties().put("mail.smtp.timeout", "1234");

        TrackedTransport.builder(tracker, session).build();

        assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("1234");
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() throws Exception {
        Session session = session();
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).credentials("sender", "wrong-password").build();
        MimeMessage m = message(session, "customer@example.org");

        Throwable thrown = catchThrowable(() -> smtp.send(TrackedTransport.describe("smtp", m).build(), m));

        assertThat(thrown).isInstanceOf(AuthenticationFailedException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        assertThat(events.onlyCall()).containsEntry("event.outcome", "failure")
                .containsEntry("mailtrail.error.category", "authentication")
                .containsEntry("mailtrail.error.retryable", false)
                .containsEntry("mailtrail.smtp.reply_code", 535)
                .containsEntry("mailtrail.smtp.enhanced_status", "5.7.8")
                .containsEntry("error.type", AuthenticationFailedException.class.getName());
        assertThat(events.callJson().get(0)).doesNotContain("wrong-password");
    }

    @Test
    void unparsableRecipientIsARecipientFailureAndNothingIsSent() throws Exception {
        // GreenMail accepts every RCPT TO; server-side refusals (550 5.1.1 ...) are in SmtpReplyTableTest.
        Session session = session();
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).credentials("sender", "right-password").build();
        MimeMessage m = message(session, "customer@example.org", "not an address@example.org");
        Email email = Email.builder("smtp").to("customer@example.org", "not an address@example.org").build();

        Throwable thrown = catchThrowable(() -> smtp.send(email, m));

        assertThat(thrown).isInstanceOf(AddressException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        Map<String, Object> e = events.onlyCall();
        assertThat(e).containsEntry("event.outcome", "failure")
                .containsEntry("mailtrail.error.category", "recipient_rejected")
                .containsEntry("mailtrail.error.retryable", false);
        assertThat(events.callJson().get(0)).doesNotContain("customer@", "not an address");
    }
}
