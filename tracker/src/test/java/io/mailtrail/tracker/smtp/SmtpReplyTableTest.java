package io.mailtrail.tracker.smtp;

import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.smtp.ScriptedSmtpServer.Stage;
import io.mailtrail.tracker.trace.Tracing;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The classification table, driven through Jakarta Mail against a scripted SMTP responder on loopback. */
class SmtpReplyTableTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // stage   | reply                                                         | category              | outcome | retryable | code | enhanced
            "GREETING  | 421 4.3.2 Service not available, closing channel              | provider_unavailable  | failure | true  | 421 | 4.3.2",
            "MAIL      | 451 4.3.0 Local error in processing                           | provider_unavailable  | failure | true  | 451 | 4.3.0",
            "MAIL      | 454 4.7.0 Throttling failure: Maximum sending rate exceeded   | rate_limited          | failure | true  | 454 | 4.7.0",
            "AUTH      | 454 4.7.0 Temporary authentication failure                    | provider_unavailable  | failure | true  | 454 | 4.7.0",
            "AUTH      | 535 5.7.8 Authentication credentials invalid                  | authentication        | failure | false | 535 | 5.7.8",
            "MAIL      | 553 5.7.1 Sender address rejected: not owned by user          | sender_not_authorized | failure | false | 553 | 5.7.1",
            "RCPT      | 450 4.2.1 Mailbox disabled, not accepting messages            | recipient_rejected    | failure | false | 450 | 4.2.1",
            "RCPT      | 452 4.5.3 Too many recipients                                 | rate_limited          | failure | true  | 452 | 4.5.3",
            "RCPT      | 550 5.1.1 <bob@example.org>: Recipient address rejected       | recipient_rejected    | failure | false | 550 | 5.1.1",
            "RCPT      | 421 4.7.0 Too many connections, closing                       | rate_limited          | failure | true  | 421 | 4.7.0",
            "MAIL      | 550 5.7.23 SPF validation failed                              | sender_authentication_failed | failure | false | 550 | 5.7.23",
            "RCPT      | 552 5.2.2 Mailbox full                                        | mailbox_full          | failure | true  | 552 | 5.2.2",
            "DATA_END  | 552 5.3.4 Message size exceeds fixed limit                    | payload_too_large     | failure | false | 552 | 5.3.4",
            "DATA_END  | 554 5.7.1 Message rejected as spam                            | content_rejected      | failure | false | 554 | 5.7.1",
            "DATA_END  | 554 Transaction failed                                        | content_rejected      | failure | false | 554 |",
            "DATA_END  | 451 Requested action aborted: local error                     | provider_unavailable  | failure | true  | 451 |",
    })
    void replyCodesAreClassified(Stage stage, String reply, String category, String outcome, boolean retryable, int code,
            String enhanced) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().answer(stage, reply)) {
            CapturedEvents events = new CapturedEvents();
            Throwable thrown = send(server, events, Duration.ofSeconds(10));

            assertThat(thrown).isInstanceOf(MessagingException.class);
            Map<String, Object> e = events.onlyCall();
            assertThat(e).containsEntry("mailtrail.error.category", category)
                    .containsEntry("event.outcome", outcome)
                    .containsEntry("mailtrail.error.retryable", retryable)
                    .containsEntry("mailtrail.smtp.reply_code", code)
                    .containsEntry("error.code", String.valueOf(code))
                    .containsEntry("destination.domain", "127.0.0.1")
                    .containsEntry("destination.port", server.port());
            if (enhanced == null) {
                assertThat(e).doesNotContainKey("mailtrail.smtp.enhanced_status");
            } else {
                assertThat(e).containsEntry("mailtrail.smtp.enhanced_status", enhanced);
            }
            assertThat((String) e.get("mailtrail.smtp.response")).startsWith(String.valueOf(code));
            assertThat(events.callJson().get(0)).doesNotContain("bob@example.org", "rcpt@example.org", "secret-pw");
        }
    }

    @ParameterizedTest(name = "no answer at {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "GREETING | failure | true",   // nothing was sent yet: safe to retry
            "DATA_END | unknown | false",  // the message went out; whether it was accepted is unknown
    })
    void timeoutsAreClassifiedByHowFarTheSendGot(Stage stage, String outcome, boolean retryable) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().answer(stage, ScriptedSmtpServer.HANG)) {
            CapturedEvents events = new CapturedEvents();
            Throwable thrown = send(server, events, Duration.ofMillis(400));

            assertThat(thrown).isInstanceOf(MessagingException.class);
            assertThat(events.onlyCall()).containsEntry("mailtrail.error.category", "timeout")
                    .containsEntry("event.outcome", outcome)
                    .containsEntry("mailtrail.error.retryable", retryable);
        }
    }

    @org.junit.jupiter.api.Test
    void connectionRefusedIsARetryableNetworkFailure() throws Exception {
        int port;
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            port = server.port();
        }
        CapturedEvents events = new CapturedEvents();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        TrackedTransport smtp = TrackedTransport.builder(tracker(events), Session.getInstance(props)).build();

        Throwable thrown = catchThrowable(() -> smtp.send(Email.builder("smtp").build(), message(Session.getInstance(props))));

        assertThat(thrown).isInstanceOf(org.eclipse.angus.mail.util.MailConnectException.class);
        assertThat(events.onlyCall()).containsEntry("mailtrail.error.category", "network")
                .containsEntry("event.outcome", "failure").containsEntry("mailtrail.error.retryable", true);
    }

    private static Throwable send(ScriptedSmtpServer server, CapturedEvents events, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(props);
        TrackedTransport smtp = TrackedTransport.builder(tracker(events), session)
                .credentials("user", "secret-pw")
                .timeouts(new SmtpTimeouts(timeout, timeout, Duration.ZERO))
                .build();
        MimeMessage message = message(session);
        return catchThrowable(() -> smtp.send(TrackedTransport.describe("smtp", message).build(), message));
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("noreply@shop.test"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.org"));
        m.setSubject("hello");
        m.setText("body text");
        return m;
    }

    private static MailTracker tracker(CapturedEvents events) {
        return MailTracker.builder().tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
    }
}
