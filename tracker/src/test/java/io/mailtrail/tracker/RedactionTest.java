package io.mailtrail.tracker;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.trace.Tracing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** No address, secret, subject or body survives into the encoded JSON of an event. */
class RedactionTest {

    private static final List<String> ADDRESSES = List.of("alice.liddell@example.org", "bob.smith@gmail.com",
            "carol.jones@example.org", "dave.bcc@corp.test");
    private static final List<String> LOCAL_PARTS = List.of("alice.liddell", "bob.smith", "carol.jones", "dave.bcc");
    private static final String SUBJECT = "Your password reset code 918273";
    private static final String BODY = "Dear Alice, your one-time code is 918273";
    private static final List<String> SECRETS = List.of("SG.live0123456789.abcdefghijklmnop", "pm-token-1234567890",
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMIK7MDENG", "hunter2hunter2");

    private final CapturedEvents events = new CapturedEvents();
    private final Email email = Email.builder("sendgrid").template("reset")
            .to("Alice Liddell <" + ADDRESSES.get(0) + ">", ADDRESSES.get(1)).cc(ADDRESSES.get(2)).bcc(ADDRESSES.get(3))
            .subject(SUBJECT).label("flow", "reset").build();

    private MailTracker tracker(PrivacyPolicy policy) {
        return MailTracker.builder().privacy(policy).tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
    }

    private static IllegalStateException leakyException() {
        return new IllegalStateException("request failed for " + ADDRESSES.get(0) + "\r\nAuthorization: Bearer " + SECRETS.get(0)
                + "\nX-Postmark-Server-Token: " + SECRETS.get(1) + " X-Amz-Credential=" + SECRETS.get(2)
                + " aws_secret=" + SECRETS.get(3) + " smtp_password=" + SECRETS.get(4),
                new RuntimeException("cause mentions " + ADDRESSES.get(1)));
    }

    @Test
    void exceptionsWithAddressesAndSecretsAreRedactedInTheEncodedJson() {
        MailTracker t = tracker(PrivacyPolicy.builder().hmacKey("0123456789abcdef0123").build());

        catchThrowable(() -> t.track(email, () -> {
            send(BODY);
            throw leakyException();
        }));

        String json = events.callJson().get(0);
        assertNoPersonalDataOrSecret(json);
        assertThat(json).doesNotContain(SUBJECT, "918273", "\\r");
        Map<String, Object> e = events.onlyCall();
        assertThat((String) e.get("error.message")).doesNotContain("\n", "\r")
                .contains("<redacted>@example.org", "Authorization: <masked>");
        assertThat((String) e.get("error.stack_trace")).contains("<redacted>@gmail.com", "\n\tat ");
        assertThat((List<?>) e.get("mailtrail.recipient.hash")).hasSize(4)
                .allSatisfy(h -> assertThat((String) h).matches("[0-9a-f]{64}"));
        assertThat(e).containsEntry("mailtrail.recipient.domain", List.of("example.org", "gmail.com", "corp.test"));
    }

    @Test
    void providerAndServerTextsAreRedactedToo() {
        MailTracker t = tracker(PrivacyPolicy.defaults());
        CallClassifier<String> echoing = r -> AttemptResult.failure(ErrorCategory.RECIPIENT_REJECTED)
                .smtpReplyCode(550).smtpEnhancedStatus("5.1.1")
                .smtpResponse("550 5.1.1 <" + ADDRESSES.get(1) + ">: Recipient address rejected\r\n250 forged")
                .errorMessage("{\"errors\":[{\"message\":\"bad to " + ADDRESSES.get(3) + "\",\"api_key\":\"" + SECRETS.get(4) + "\"}]}")
                .httpRequest("POST", "api.example.test", "/v3/mail/send?api_key=" + SECRETS.get(4) + "&to=" + ADDRESSES.get(0))
                .build();

        t.track(email, () -> BODY, echoing);

        String json = events.callJson().get(0);
        assertNoPersonalDataOrSecret(json);
        assertThat(json).doesNotContain("918273");
        assertThat(events.onlyCall()).containsEntry("url.path", "/v3/mail/send")
                .containsEntry("mailtrail.smtp.response", "550 5.1.1 <<redacted>@gmail.com>: Recipient address rejected  250 forged")
                .doesNotContainKey("mailtrail.recipient.hash");
    }

    @Test
    void labelsAreRedactedAndKeepTheirOrder() {
        Email labelled = email.toBuilder().label("owner", ADDRESSES.get(0)).label("token", "x-api-key=" + SECRETS.get(4))
                .label("tier", "gold").build();
        tracker(PrivacyPolicy.defaults()).track(labelled, () -> "ok");
        tracker(PrivacyPolicy.defaults()).track(email, () -> "ok");

        Map<?, ?> redacted = (Map<?, ?>) events.calls().get(0).get("labels");
        assertThat(List.copyOf(redacted.keySet())).isEqualTo(List.of("flow", "owner", "token", "tier"));
        assertThat(List.copyOf(redacted.values())).isEqualTo(List.of("reset", "<redacted>@example.org", "x-api-key=<masked>", "gold"));
        assertThat(events.calls().get(1)).containsEntry("labels", Map.of("flow", "reset"));
        assertNoPersonalDataOrSecret(events.callJson().get(0));
    }

    @Test
    void subjectOnlyWhenEnabledAndThenRedacted() {
        Email withAddressInSubject = email.toBuilder().subject("Invoice for " + ADDRESSES.get(0)).build();
        tracker(PrivacyPolicy.defaults()).track(withAddressInSubject, () -> "ok");
        tracker(PrivacyPolicy.builder().subject(true).build()).track(withAddressInSubject, () -> "ok");

        assertThat(events.calls().get(0)).doesNotContainKey("email.subject");
        assertThat(events.calls().get(1)).containsEntry("email.subject", "Invoice for <redacted>@example.org");
    }

    @Test
    void stackTracesCanBeTurnedOffAndAreCapped() {
        catchThrowable(() -> tracker(PrivacyPolicy.builder().stackTraces(false).build()).track(email, () -> { throw leakyException(); }));
        catchThrowable(() -> tracker(PrivacyPolicy.builder().maxStackTraceLength(300).build()).track(email, () -> { throw leakyException(); }));

        assertThat(events.calls().get(0)).doesNotContainKey("error.stack_trace").containsKey("error.message");
        assertThat((String) events.calls().get(1).get("error.stack_trace")).hasSize(300).endsWith("...[truncated]");
    }

    private static void assertNoPersonalDataOrSecret(String json) {
        for (String a : ADDRESSES) {
            assertThat(json).doesNotContain(a);
        }
        for (String local : LOCAL_PARTS) {
            assertThat(json).doesNotContainIgnoringCase(local);
        }
        for (String s : SECRETS) {
            assertThat(json).doesNotContain(s);
        }
        assertThat(json).doesNotContain(BODY).doesNotContain("Alice Liddell");
    }

    private static void send(String body) {
        assertThat(body).isNotEmpty(); // the body exists only inside the call
    }
}
