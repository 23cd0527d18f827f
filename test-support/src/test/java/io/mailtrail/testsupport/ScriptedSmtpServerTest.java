package io.mailtrail.testsupport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Jakarta Mail (Angus) against the responder: what a user's code sees for each scripted reply. */
class ScriptedSmtpServerTest {

    private static void send(ScriptedSmtpServer server, String... to) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "1000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("billing@example.com"));
        for (String r : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
        }
        message.setSubject("Your receipt");
        message.setText("Thanks.\n.leading dot\n");
        Transport.send(message, "app-user", "s3cret-password");
    }

    @Test
    void unscriptedItAcceptsAndKeepsTheMessage() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
            send(server, "alice@example.org");
            assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m).contains("Subject: Your receipt", "\r\n.leading dot"));
            assertThat(server.authenticatedUsers()).containsExactly("app-user");
            assertThat(server.commands()).anyMatch(c -> c.startsWith("EHLO")).contains("MAIL FROM:<billing@example.com>", "RCPT TO:<alice@example.org>", "DATA")
                    .noneMatch(c -> c.contains("s3cret") || c.contains("czNjcmV0"));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void a535AtAuthIsAnAuthenticationFailure() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().reply(SmtpStage.AUTH, "535 5.7.8 Authentication credentials invalid")) {
            assertThatThrownBy(() -> send(server, "alice@example.org")).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("535 5.7.8");
            assertThat(server.authenticatedUsers()).isEmpty();
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void replyOnceRejectsOneRecipientOnly() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()
                .replyOnce(SmtpStage.RCPT, "550 5.1.1 <bob@example.org>: Recipient address rejected")) {
            Throwable thrown = catchThrowable(() -> send(server, "bob@example.org", "carol@example.org"));
            assertThat(thrown).isInstanceOf(SendFailedException.class);
            SendFailedException failed = (SendFailedException) thrown;
            assertThat(failed.getInvalidAddresses()).extracting(Object::toString).containsExactly("bob@example.org");
            assertThat(failed.getNextException()).isInstanceOf(SMTPAddressFailedException.class);
            assertThat(((SMTPAddressFailedException) failed.getNextException()).getReturnCode()).isEqualTo(550);
            assertThat(server.messages()).as("Angus does not send partially by default").isEmpty();
        }
    }

    @Test
    void aRefusalAtTheEndOfDataCarriesItsCode() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().reply(SmtpStage.DATA_END, "554 5.7.1 Message rejected as spam")) {
            Throwable thrown = catchThrowable(() -> send(server, "alice@example.org"));
            assertThat(thrown).isInstanceOf(SMTPSendFailedException.class);
            assertThat(((SMTPSendFailedException) thrown).getReturnCode()).isEqualTo(554);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void aTemporaryFailureAtMailThenSuccessOnTheNextConnection() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().replyOnce(SmtpStage.MAIL, "451 4.3.0 Local error in processing")) {
            Throwable first = catchThrowable(() -> send(server, "alice@example.org"));
            assertThat(first).isInstanceOf(SMTPSendFailedException.class);
            assertThat(((SMTPSendFailedException) first).getReturnCode()).isEqualTo(451);
            send(server, "alice@example.org");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void aGreetingOf421RefusesTheConnection() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().reply(SmtpStage.GREETING, "421 4.7.0 Too many connections")) {
            assertThatThrownBy(() -> send(server, "alice@example.org")).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("421");
        }
    }

    @Test
    void hangMakesTheClientsReadTimeoutFireAndDropHangsUp() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().replyOnce(SmtpStage.RCPT, ScriptedSmtpServer.HANG)
                .replyOnce(SmtpStage.MAIL, "250 2.1.0 Ok").replyOnce(SmtpStage.MAIL, ScriptedSmtpServer.DROP)) {
            Throwable hung = catchThrowable(() -> send(server, "alice@example.org"));
            assertThat(hung).isInstanceOf(MessagingException.class);
            assertThat(hung).rootCause().isInstanceOf(java.net.SocketTimeoutException.class);
            Throwable dropped = catchThrowable(() -> send(server, "alice@example.org"));
            assertThat(dropped).isInstanceOf(MessagingException.class);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void aReplyThatIsNoSmtpReplyIsOneClearError() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
            assertThatThrownBy(() -> server.reply(SmtpStage.RCPT, "rejected"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reply: 'rejected' is no SMTP reply (3-digit code 2xx-5xx first), HANG or DROP");
        }
    }
}
