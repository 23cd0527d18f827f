package io.mailtrail.tracker.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtrail.schema.Fields;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Host and port given to the builder (as Spring's JavaMailSenderImpl keeps them, outside the session) are where
 * the message goes and what the event records; keepMessageId keeps an id the message had.
 */
class TrackedTransportServerOptionsTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sender@shop.test", "sender", "right-password"));

    private final CapturedEvents events = new CapturedEvents();
    private final MailTracker tracker = MailTracker.builder().tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory())
            .serviceEnvironment("staging").build();

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("sender@shop.test"));
        m.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.test"));
        m.setSubject("Order");
        m.setText("x");
        return m;
    }

    @Test
    void hostAndPortFromTheBuilderNotFromTheSession() throws Exception {
        Session session = Session.getInstance(new Properties()); // no host, no port: alone it would try localhost:25
        int port = GREEN_MAIL.getSmtp().getPort();
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).host("127.0.0.1").port(port)
                .credentials("sender", "right-password").keepMessageId(true).build();
        MimeMessage m = message(session);
        m.setHeader("Message-ID", "<kept-1@shop.test>");
        smtp.send(Email.builder("smtp").to("buyer@customer.test").build(), m);

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(GREEN_MAIL.getReceivedMessages()[0].getMessageID()).isEqualTo("<kept-1@shop.test>");
        String json = events.callJson().get(0);
        assertThat(json).contains("\"" + Fields.DESTINATION_PORT.name() + "\":" + port)
                .contains("\"" + Fields.DESTINATION_DOMAIN.name() + "\":\"127.0.0.1\"")
                .contains("\"" + Fields.EMAIL_MESSAGE_ID.name() + "\":\"kept-1@shop.test\"")
                .contains("\"" + Fields.SERVICE_ENVIRONMENT.name() + "\":\"staging\"");
    }

    @Test
    void withoutKeepMessageIdJakartaMailGivesANewOne() throws Exception {
        Session session = Session.getInstance(new Properties());
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort())
                .credentials("sender", "right-password").build();
        MimeMessage m = message(session);
        m.setHeader("Message-ID", "<replaced@shop.test>");
        smtp.send(Email.builder("smtp").build(), m);
        assertThat(GREEN_MAIL.getReceivedMessages()[0].getMessageID()).isNotEqualTo("<replaced@shop.test>");
    }

    @Test
    void aPortOutOfRangeIsOneClearError() {
        assertThatThrownBy(() -> TrackedTransport.builder(tracker, Session.getInstance(new Properties())).port(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port 70000 is invalid: use 1-65535, or -1 for the protocol's default");
    }
}
