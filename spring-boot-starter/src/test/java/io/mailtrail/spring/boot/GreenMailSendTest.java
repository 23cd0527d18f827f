package io.mailtrail.spring.boot;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailtrail.schema.Fields;
import io.mailtrail.spring.boot.app.MailApplication;
import io.mailtrail.spring.boot.app.Mailer;
import io.mailtrail.spring.boot.mail.TrackedMailSender;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static io.mailtrail.spring.boot.CallEvents.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Boot application with {@code spring-boot-starter-mail} and the mailtrail starter, sending to a real SMTP server
 * (GreenMail, with a login) through Boot's own {@code JavaMailSender}: every send is an event, with no mailtrail code
 * in the application. Host and port live in Boot's {@code spring.mail.*}, not in the mail session.
 */
@SpringBootTest(classes = MailApplication.class, properties = {
        "spring.application.name=shop",
        "mailtrail.environment=test",
        "spring.mail.username=app",
        "spring.mail.password=app-secret-123",
        "spring.mail.properties.mail.smtp.auth=true"})
class GreenMailSendTest {

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("app", "app-secret-123"));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired Mailer mailer;
    @Autowired JavaMailSender sender;
    @Autowired JavaMailSenderImpl senderByClass;
    CallEvents events;

    @BeforeEach
    void capture() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        events = new CallEvents();
    }

    @AfterEach
    void release() {
        events.close();
    }

    @Test
    void bootsOwnSenderIsTrackedAndStillInjectableByItsClass() {
        assertThat(sender).isInstanceOf(TrackedMailSender.class).isSameAs(senderByClass);
        assertThat(senderByClass.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void everyKindOfSendIsOneSuccessEventWithTheServersReplyAndTheMessageId() throws Exception {
        mailer.welcome("alice@customer.example");
        mailer.receipt("bob@customer.example");
        mailer.newsletter("carol@one.example", "dave@two.example");

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(4);
        List<Map<String, Object>> all = events.all();
        assertThat(all).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Map<String, Object> e = all.get(i);
            assertThat(get(e, Fields.EVENT_OUTCOME)).isEqualTo("success");
            assertThat(get(e, Fields.PROVIDER)).isEqualTo("smtp");
            assertThat(get(e, Fields.SERVICE_NAME)).isEqualTo("shop");
            assertThat(get(e, Fields.SERVICE_ENVIRONMENT)).isEqualTo("test");
            assertThat(get(e, Fields.DESTINATION_DOMAIN)).isEqualTo("127.0.0.1");
            assertThat(get(e, Fields.DESTINATION_PORT)).isEqualTo((long) SMTP.getSmtp().getPort());
            assertThat(get(e, Fields.SMTP_REPLY_CODE)).isEqualTo(250L);
            assertThat(get(e, Fields.RECIPIENT_COUNT)).isEqualTo(1L);
            assertThat(String.valueOf(e)).doesNotContain("alice@", "bob@", "carol@", "dave@", "app-secret-123");
        }
        // the event's message id is the one the server received, whatever the kind of send
        List<String> receivedIds = java.util.Arrays.stream(received).map(m -> {
            try {
                return m.getMessageID().replaceAll("[<>]", "");
            } catch (jakarta.mail.MessagingException x) {
                throw new IllegalStateException(x);
            }
        }).toList();
        assertThat(all.stream().map(e -> get(e, Fields.EMAIL_MESSAGE_ID))).containsExactlyInAnyOrderElementsOf(receivedIds);
        assertThat(all.stream().map(e -> get(e, Fields.RECIPIENT_DOMAIN)).map(String::valueOf))
                .containsExactly("[customer.example]", "[customer.example]", "[one.example]", "[two.example]");
        assertThat(String.valueOf(get(all.get(1), Fields.EMAIL_FROM_ADDRESS))).isEqualTo("[billing@example.com]");
    }

    @Test
    void aMessageIdTheApplicationSetIsKeptAsSpringKeepsIt() throws Exception {
        MimeMessage m = sender.createMimeMessage();
        m.setFrom("shop@example.com");
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "erin@customer.example");
        m.setSubject("Order");
        m.setText("x");
        m.setHeader("Message-ID", "<order-42@shop.example>");
        sender.send(m);
        assertThat(SMTP.getReceivedMessages()[0].getMessageID()).isEqualTo("<order-42@shop.example>");
        assertThat(get(events.only(), Fields.EMAIL_MESSAGE_ID)).isEqualTo("order-42@shop.example");
    }

    @Test
    void aWrongPasswordIsSpringsAuthenticationExceptionAndAnAuthenticationEvent() {
        String password = senderByClass.getPassword();
        senderByClass.setPassword("wrong-password-456");
        try {
            assertThatThrownBy(() -> mailer.welcome("frank@customer.example")).isInstanceOf(MailAuthenticationException.class);
        } finally {
            senderByClass.setPassword(password);
        }
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(get(e, Fields.ERROR_CATEGORY)).isEqualTo("authentication");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(false);
        assertThat(String.valueOf(e)).doesNotContain("wrong-password-456", "frank@");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
