package io.mailtrail.spring.boot;

import io.mailtrail.schema.Fields;
import io.mailtrail.spring.boot.app.MailApplication;
import io.mailtrail.spring.boot.app.Mailer;
import io.mailtrail.testsupport.ScriptedSmtpServer;
import io.mailtrail.testsupport.SmtpStage;
import jakarta.mail.SendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static io.mailtrail.spring.boot.CallEvents.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Boot's {@code JavaMailSender} against a real SMTP responder on loopback that answers chosen reply codes: the
 * failures an application meets in production, classified from the server's reply, with Spring's own exceptions
 * reaching the application as before.
 */
@SpringBootTest(classes = MailApplication.class, properties = {
        "spring.application.name=shop",
        "spring.mail.username=apikey",
        "spring.mail.password=SG.secret-password-789",
        "spring.mail.properties.mail.smtp.auth=true",
        "mailtrail.mail.provider=sendgrid"})
class ScriptedSmtpSendTest {

    static final ScriptedSmtpServer SMTP;

    static {
        try {
            SMTP = ScriptedSmtpServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", SMTP::host);
        r.add("spring.mail.port", SMTP::port);
    }

    @AfterAll
    static void stop() throws IOException {
        SMTP.close();
    }

    @Autowired Mailer mailer;
    @Autowired JavaMailSender sender;
    CallEvents events;

    @BeforeEach
    void capture() {
        events = new CallEvents();
    }

    @AfterEach
    void release() {
        events.close();
    }

    @Test
    void refusedCredentialsAreAuthenticationAndNotRetryable() {
        SMTP.replyOnce(SmtpStage.AUTH, "535 5.7.8 Authentication credentials invalid");
        MailAuthenticationException thrown = catchThrowableOfType(MailAuthenticationException.class,
                () -> mailer.welcome("alice@customer.example"));
        assertThat(thrown).isNotNull();
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.PROVIDER)).isEqualTo("sendgrid");
        assertThat(get(e, Fields.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(get(e, Fields.ERROR_CATEGORY)).isEqualTo("authentication");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(false);
        assertThat(get(e, Fields.SMTP_REPLY_CODE)).isEqualTo(535L);
        assertThat(get(e, Fields.SMTP_ENHANCED_STATUS)).isEqualTo("5.7.8");
        assertThat(String.valueOf(e)).doesNotContain("secret-password-789", "alice@");
    }

    @Test
    void anUnknownMailboxIsRecipientRejectedWithTheAddressRedacted() {
        SMTP.replyOnce(SmtpStage.RCPT, "550 5.1.1 <bob@customer.example>: Recipient address rejected: User unknown");
        MailSendException thrown = catchThrowableOfType(MailSendException.class, () -> mailer.receipt("bob@customer.example"));
        // Spring's per-message failures, as JavaMailSenderImpl reports them
        assertThat(thrown.getFailedMessages()).hasSize(1);
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.ERROR_CATEGORY)).isEqualTo("recipient_rejected");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(false);
        assertThat(get(e, Fields.SMTP_REPLY_CODE)).isEqualTo(550L);
        assertThat(get(e, Fields.SMTP_ENHANCED_STATUS)).isEqualTo("5.1.1");
        assertThat(String.valueOf(get(e, Fields.SMTP_RESPONSE))).contains("<redacted>@customer.example").doesNotContain("bob@");
        assertThat(String.valueOf(e)).doesNotContain("bob@customer.example");
    }

    @Test
    void aTemporaryRefusalIsRetryableProviderUnavailable() {
        SMTP.replyOnce(SmtpStage.DATA_END, "451 4.3.0 Temporary local problem, try again later");
        MailSendException thrown = catchThrowableOfType(MailSendException.class, () -> mailer.welcome("carol@customer.example"));
        assertThat(thrown.getFailedMessages()).hasSize(1);
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.ERROR_CATEGORY)).isEqualTo("provider_unavailable");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(true);
        assertThat(get(e, Fields.SMTP_REPLY_CODE)).isEqualTo(451L);
    }

    @Test
    void aBatchReportsEachMessageOnItsOwnAndOnlyTheFailedOnesInTheException() throws Exception {
        SMTP.replyOnce(SmtpStage.RCPT, "250 2.1.5 Ok");
        SMTP.replyOnce(SmtpStage.RCPT, "550 5.1.1 <gone@two.example>: User unknown");
        SMTP.replyOnce(SmtpStage.RCPT, "250 2.1.5 Ok");
        MailSendException thrown = catchThrowableOfType(MailSendException.class,
                () -> mailer.newsletter("dave@one.example", "gone@two.example", "erin@three.example"));
        assertThat(thrown.getFailedMessages()).hasSize(1);
        List<Map<String, Object>> all = events.all();
        assertThat(all).hasSize(3);
        assertThat(all.stream().map(e -> get(e, Fields.EVENT_OUTCOME))).containsExactly("success", "failure", "success");
        assertThat(get(all.get(1), Fields.ERROR_CATEGORY)).isEqualTo("recipient_rejected");
        assertThat(String.valueOf(get(all.get(1), Fields.RECIPIENT_DOMAIN))).isEqualTo("[two.example]");
    }

    /**
     * One message to two recipients, the second refused at RCPT: as without mailtrail (Jakarta Mail's default,
     * {@code mail.smtp.sendpartial=false}) the message is sent to neither, and Spring reports it as the one failed
     * message. The tracker writes one event for the message, not one per recipient: {@code recipient_rejected}
     * from the refusal's reply, the refused address redacted, both recipients counted.
     */
    @Test
    void oneRefusedRecipientOfTwoFailsTheWholeMessageAsOneRecipientRejectedEvent() {
        SMTP.replyOnce(SmtpStage.RCPT, "250 2.1.5 Ok");
        SMTP.replyOnce(SmtpStage.RCPT, "550 5.1.1 <gone@two.example>: Recipient address rejected: User unknown");
        int delivered = SMTP.messages().size();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("shop@example.com");
        message.setTo("dave@one.example", "gone@two.example");
        message.setSubject("Your order");
        message.setText("Shipped");

        MailSendException thrown = catchThrowableOfType(MailSendException.class, () -> sender.send(message));

        assertThat(thrown.getFailedMessages()).containsOnlyKeys(message);
        assertThat(thrown.getFailedMessages().get(message)).isInstanceOfSatisfying(SendFailedException.class, sfe -> {
            assertThat(sfe.getInvalidAddresses()).extracting(String::valueOf).containsExactly("gone@two.example");
            assertThat(sfe.getValidUnsentAddresses()).extracting(String::valueOf).containsExactly("dave@one.example");
            assertThat(sfe.getValidSentAddresses()).isNullOrEmpty();
        });
        assertThat(SMTP.messages()).as("not sent to the accepted recipient either").hasSize(delivered);
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(get(e, Fields.ERROR_CATEGORY)).isEqualTo("recipient_rejected");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(false);
        assertThat(get(e, Fields.SMTP_REPLY_CODE)).isEqualTo(550L);
        assertThat(get(e, Fields.SMTP_ENHANCED_STATUS)).isEqualTo("5.1.1");
        assertThat(String.valueOf(get(e, Fields.SMTP_RESPONSE))).contains("<redacted>@two.example").doesNotContain("gone@");
        assertThat(get(e, Fields.RECIPIENT_COUNT)).isEqualTo(2L);
        assertThat(String.valueOf(get(e, Fields.RECIPIENT_DOMAIN))).isEqualTo("[one.example, two.example]");
        assertThat(String.valueOf(e)).doesNotContain("dave@", "gone@");
    }

    @Test
    void aServerThatIsGoneIsARetryableNetworkFailure() throws Exception {
        SMTP.replyOnce(SmtpStage.GREETING, "421 4.3.2 Service not available, closing transmission channel");
        MailSendException thrown = catchThrowableOfType(MailSendException.class, () -> mailer.welcome("frank@customer.example"));
        assertThat(thrown).isNotNull();
        Map<String, Object> e = events.only();
        assertThat(get(e, Fields.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(get(e, Fields.ERROR_RETRYABLE)).isEqualTo(true);
        assertThat(get(e, Fields.ERROR_CATEGORY)).isIn("provider_unavailable", "network");
    }
}
