package io.mailtrail.alerts.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sender against a real SMTP server: GreenMail, plain SMTP and SMTPS, on free loopback ports. */
class SmtpMailSenderTest {

    static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@shop.test", "alerts", PASSWORD));

    private SmtpSettings.Builder plain() {
        return SmtpSettings.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort())
                .security(SmtpSecurity.NONE).from("mailtrail <alerts@shop.test>").timeout(Duration.ofSeconds(5));
    }

    @Test
    void sendsHtmlWithInlineImageAndTextAlternative() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        String id = new SmtpMailSender(plain().username("alerts").password(PASSWORD).build()).send(MailMessage.builder()
                .to("Ops <ops@shop.test>", "oncall@shop.test").subject("Success rate 71.4 % < 90 %")
                .text("rate 71.4 %").html("<p>rate <b>71.4 %</b></p><img src=\"cid:chart\">")
                .inlineImage(InlineImage.png("chart", png)).messageId("email_abc-123").priority("high").build());

        assertThat(id).isEqualTo("<email_abc-123>");
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Success rate 71.4 % < 90 %");
        assertThat(m.getHeader("X-Priority")[0]).isEqualTo("2");
        assertThat(m.getRecipients(Message.RecipientType.TO)).hasSize(2);
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("rate 71.4 %");
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat((String) related.getBodyPart(0).getContent()).contains("cid:chart");
        BodyPart image = related.getBodyPart(1);
        assertThat(image.getHeader("Content-ID")[0]).isEqualTo("<chart>");
        assertThat(image.getContentType()).startsWith("image/png");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        image.getInputStream().transferTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(png);
    }

    @Test
    void sendsOverImplicitTls() throws Exception {
        SmtpSettings tls = SmtpSettings.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtps().getPort())
                .security(SmtpSecurity.TLS).sslTrust("*").username("alerts").password(PASSWORD)
                .from("alerts@shop.test").build();
        new SmtpMailSender(tls).send(MailMessage.builder().to("ops@shop.test").subject("tls").text("hello").build());
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(GREEN_MAIL.getReceivedMessages()[0].getContent().toString()).contains("hello");
    }

    @Test
    void attachmentsMakeAMixedMail() throws Exception {
        new SmtpMailSender(plain().build()).send(MailMessage.builder().to("ops@shop.test").subject("report")
                .text("see attached").attachment(new Attachment("data.json", "application/json", "{}".getBytes())).build());
        MimeMultipart mixed = (MimeMultipart) GREEN_MAIL.getReceivedMessages()[0].getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("data.json");
    }

    @Test
    void wrongPasswordIsOneLineWithoutTheSecret() {
        String wrong = "wrong-Secret-42";
        SmtpMailSender sender = new SmtpMailSender(plain().username("alerts").password(wrong).build());
        assertThatThrownBy(() -> sender.send(MailMessage.builder().to("ops@shop.test").text("x").build()))
                .isInstanceOf(MailDeliveryException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("authentication failed").contains("127.0.0.1:")
                            .doesNotContain(wrong).doesNotContain("\n");
                    assertThat(((MailDeliveryException) e).retryable()).isFalse();
                });
    }

    @Test
    void unreachableServerIsRetryableOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SmtpMailSender sender = new SmtpMailSender(plain().port(closed).build());
        assertThatThrownBy(() -> sender.send(MailMessage.builder().to("ops@shop.test").text("x").build()))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("could not send mail via 127.0.0.1:" + closed)
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(((MailDeliveryException) e).retryable()).isTrue());
    }

    @Test
    void badAddressNamesIt() {
        SmtpMailSender sender = new SmtpMailSender(plain().build());
        assertThatThrownBy(() -> sender.send(MailMessage.builder().to("not an address").text("x").build()))
                .isInstanceOf(MailDeliveryException.class).hasMessageStartingWith("mail address:")
                .hasMessageContaining("not an address");
    }

    @Test
    void settingsFromEnvironmentNeverShowThePassword() {
        SmtpSettings s = SmtpSettings.fromEnvironment(Map.of("MAILTRAIL_SMTP_HOST", "smtp.shop.test",
                "MAILTRAIL_SMTP_FROM", "alerts@shop.test", "MAILTRAIL_SMTP_USER", "alerts",
                "MAILTRAIL_SMTP_PASSWORD", PASSWORD, "MAILTRAIL_SMTP_SECURITY", "TLS"));
        assertThat(s.port()).isEqualTo(465);
        assertThat(s.hasPassword()).isTrue();
        assertThat(s.toString()).doesNotContain(PASSWORD).contains("password=<set>");
        assertThat(new SmtpMailSender(s).toString()).doesNotContain(PASSWORD);
        assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("MAILTRAIL_SMTP_HOST", "h",
                "MAILTRAIL_SMTP_FROM", "a@b.c", "MAILTRAIL_SMTP_PORT", "70000")))
                .hasMessage("MAILTRAIL_SMTP_PORT: expected a port 1-65535, got '70000'");
        assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("MAILTRAIL_SMTP_HOST", "h",
                "MAILTRAIL_SMTP_FROM", "a@b.c", "MAILTRAIL_SMTP_SECURITY", "ssl")))
                .hasMessage("MAILTRAIL_SMTP_SECURITY: expected none, starttls or tls, got 'ssl'");
        assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("MAILTRAIL_SMTP_FROM", "a@b.c")))
                .hasMessageStartingWith("MAILTRAIL_SMTP_HOST: required");
    }
}
