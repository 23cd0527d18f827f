package io.mailtrail.tracker.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.testsupport.webhook.WebhookSignatures;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.delivery.DeliveryMappers;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real signature algorithms with keys generated here: valid accepted, forged, stale and replayed rejected. */
class WebhookVerifiersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T22:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = WebhookVerifiersTest.class.getResourceAsStream("/webhooks/" + path)) {
            return in.readAllBytes();
        }
    }

    private static void assertRejected(Verification v, String reason) {
        assertThat(v.accepted()).as("rejected: %s", v).isFalse();
        assertThat(v).isInstanceOfSatisfying(Verification.Rejected.class, r -> assertThat(r.reason()).contains(reason));
    }

    @Nested
    class Sendgrid {
        private final KeyPair keys = WebhookSignatures.sendgridKeys();
        private final String publicKey = WebhookSignatures.sendgridVerificationKey(keys);
        private final WebhookVerifier verifier = WebhookVerifiers.sendgrid(publicKey).clock(CLOCK).build();

        /** The headers as a server may hand them over: one name lower-cased, to check names are case-insensitive. */
        private Map<String, List<String>> signed(KeyPair by, Instant at, byte[] body) {
            Map<String, String> h = WebhookSignatures.sendgridHeaders(by, at, body);
            return Map.of(WebhookSignatures.SENDGRID_SIGNATURE_HEADER.toLowerCase(java.util.Locale.ROOT),
                    List.of(h.get(WebhookSignatures.SENDGRID_SIGNATURE_HEADER)),
                    WebhookSignatures.SENDGRID_TIMESTAMP_HEADER, List.of(h.get(WebhookSignatures.SENDGRID_TIMESTAMP_HEADER)));
        }

        @Test
        void aValidSignatureIsAcceptedOnceOnly() throws Exception {
            byte[] body = resource("sendgrid/events.json");
            Map<String, List<String>> headers = signed(keys, NOW.minusSeconds(30), body);
            assertThat(verifier.verify(headers, body)).isEqualTo(new Verification.Verified("sendgrid"));
            assertRejected(verifier.verify(headers, body), "replayed");
        }

        @Test
        void aChangedBodyOrAnotherKeyIsRejected() throws Exception {
            byte[] body = resource("sendgrid/events.json");
            Map<String, List<String>> headers = signed(keys, NOW, body);
            byte[] changed = new String(body, StandardCharsets.UTF_8).replace("processed", "delivered").getBytes(StandardCharsets.UTF_8);
            assertRejected(verifier.verify(headers, changed), "signature does not match");
            assertRejected(verifier.verify(signed(WebhookSignatures.sendgridKeys(), NOW, body), body), "signature does not match");
            assertRejected(verifier.verify(Map.of(), body), "missing X-Twilio-Email-Event-Webhook-Signature");
            assertRejected(verifier.verify(Map.of("X-Twilio-Email-Event-Webhook-Signature", List.of("%%%"),
                    "X-Twilio-Email-Event-Webhook-Timestamp", List.of("1")), body), "malformed");
        }

        @Test
        void aStaleOrFutureTimestampIsRejectedEvenWhenSigned() throws Exception {
            byte[] body = resource("sendgrid/events.json");
            assertRejected(verifier.verify(signed(keys, NOW.minus(Duration.ofMinutes(6)), body), body), "outside the 300 s tolerance");
            assertRejected(verifier.verify(signed(keys, NOW.plus(Duration.ofMinutes(6)), body), body), "outside");
            WebhookVerifier lenient = WebhookVerifiers.sendgrid(publicKey).clock(CLOCK).tolerance(Duration.ofMinutes(10)).build();
            assertThat(lenient.verify(signed(keys, NOW.minus(Duration.ofMinutes(6)), body), body).accepted()).isTrue();
        }

        @Test
        void aBadKeyIsOneClearErrorWithoutTheKey() {
            assertThatThrownBy(() -> WebhookVerifiers.sendgrid("not-a-key-SECRETISH").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sendgrid verification key: not a base64 EC public key (as SendGrid shows it)");
            assertThatThrownBy(() -> WebhookVerifiers.sendgrid(publicKey).tolerance(Duration.ZERO).build())
                    .hasMessage("tolerance: PT0S must be positive");
            assertThat(verifier.toString()).doesNotContain(publicKey);
        }
    }

    @Nested
    class Mailgun {
        private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
        private final WebhookVerifier verifier = WebhookVerifiers.mailgun(KEY).clock(CLOCK).build();

        private byte[] body(String key, Instant at, String token) throws Exception {
            return WebhookSignatures.mailgunSigned(resource("mailgun/delivered.json"), key, at, token);
        }

        @Test
        void validAcceptedReplayedRejected() throws Exception {
            byte[] body = body(KEY, NOW.minusSeconds(10), "token-1");
            assertThat(verifier.verify(Map.of(), body).accepted()).isTrue();
            assertRejected(verifier.verify(Map.of(), body), "replayed");
            assertThat(verifier.verify(Map.of(), body(KEY, NOW, "token-2")).accepted()).as("another token").isTrue();
        }

        @Test
        void forgedStaleAndUnsignedAreRejected() throws Exception {
            assertRejected(verifier.verify(Map.of(), body("key-other", NOW, "t")), "signature does not match");
            assertRejected(verifier.verify(Map.of(), body(KEY, NOW.minus(Duration.ofHours(1)), "t2")), "tolerance");
            assertRejected(verifier.verify(Map.of(), "{\"event-data\":{}}".getBytes(StandardCharsets.UTF_8)), "no signature.timestamp");
            assertRejected(verifier.verify(Map.of(), "not json".getBytes(StandardCharsets.UTF_8)), "not JSON");
            assertThat(verifier.toString()).doesNotContain(KEY);
        }
    }

    @Nested
    class Sns {
        private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";
        private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem";
        private final KeyPair aws = WebhookSignatures.snsKeys();
        private final ObjectMapper json = new ObjectMapper();
        private final WebhookVerifier verifier = WebhookVerifiers.sns(Set.of(TOPIC), url -> aws.getPublic()).clock(CLOCK).build();

        private byte[] signed(KeyPair by, String version, Instant at, String certUrl) throws Exception {
            return WebhookSignatures.snsSigned(resource("ses/sns-delivery.json"), by, version, at, null, certUrl);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "2"})
        void bothSignatureVersionsAreVerified(String version) throws Exception {
            byte[] body = signed(aws, version, NOW.minusSeconds(5), CERT_URL);
            assertThat(verifier.verify(Map.of(), body)).isEqualTo(new Verification.Verified("ses"));
            assertRejected(verifier.verify(Map.of(), body), "replayed");
        }

        @Test
        void aForgedOrChangedMessageIsRejected() throws Exception {
            assertRejected(verifier.verify(Map.of(), signed(WebhookSignatures.snsKeys(), "2", NOW, CERT_URL)), "signature does not match");
            byte[] body = signed(aws, "2", NOW, CERT_URL);
            ObjectNode changed = (ObjectNode) json.readTree(body);
            changed.put("Message", changed.get("Message").asText().replace("Delivery", "Bounce"));
            assertRejected(verifier.verify(Map.of(), json.writeValueAsBytes(changed)), "signature does not match");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "http://sns.eu-west-1.amazonaws.com/cert.pem",
                "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem",
                "https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem",
                "https://sns.eu-west-1.amazonaws.com/cert.txt",
                "https://sns.eu-west-1.amazonaws.com:8443/cert.pem",
                "https://user@sns.eu-west-1.amazonaws.com/cert.pem"})
        void aCertificateUrlOutsideSnsIsRejectedBeforeAnyFetch(String url) throws Exception {
            WebhookVerifier strict = WebhookVerifiers.sns(Set.of(TOPIC), u -> {
                throw new AssertionError("must not fetch " + u);
            }).clock(CLOCK).build();
            assertRejected(strict.verify(Map.of(), signed(aws, "1", NOW, url)), "SigningCertURL is not an SNS certificate URL");
        }

        @Test
        void anotherTopicOrAStaleTimestampIsRejected() throws Exception {
            WebhookVerifier other = WebhookVerifiers.sns(Set.of("arn:aws:sns:eu-west-1:123456789012:other"), url -> aws.getPublic()).clock(CLOCK).build();
            assertRejected(other.verify(Map.of(), signed(aws, "2", NOW, CERT_URL)), "topic not allowed");
            assertRejected(verifier.verify(Map.of(), signed(aws, "2", NOW.minus(Duration.ofHours(2)), CERT_URL)), "tolerance");
            assertThatThrownBy(() -> WebhookVerifiers.sns(Set.of()).build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("give the ARNs of your SNS topics");
        }
    }

    @Nested
    class Postmark {
        @Test
        void basicAuthAndSharedSecret() {
            WebhookVerifier basic = WebhookVerifiers.postmarkBasicAuth("hook", "pa55-w0rd");
            String good = "Basic " + Base64.getEncoder().encodeToString("hook:pa55-w0rd".getBytes(StandardCharsets.UTF_8));
            String bad = "Basic " + Base64.getEncoder().encodeToString("hook:guess".getBytes(StandardCharsets.UTF_8));
            assertThat(basic.verify(Map.of("authorization", List.of(good)), new byte[0]).accepted()).isTrue();
            assertRejected(basic.verify(Map.of("Authorization", List.of(bad)), new byte[0]), "credentials do not match");
            assertRejected(basic.verify(Map.of(), new byte[0]), "missing Authorization header");

            WebhookVerifier secret = WebhookVerifiers.postmarkSharedSecret("X-Webhook-Secret", "s3cr3t-value");
            assertThat(secret.verify(Map.of("x-webhook-secret", List.of("s3cr3t-value")), new byte[0]).accepted()).isTrue();
            assertRejected(secret.verify(Map.of("X-Webhook-Secret", List.of("s3cr3t-valuE")), new byte[0]), "do not match");
            assertThat(basic + " " + secret).doesNotContain("pa55-w0rd", "s3cr3t-value", good.substring(6));
        }
    }

    @Test
    void theReceiverLogsOnlyWhatWasVerified() throws Exception {
        CapturedEvents events = new CapturedEvents();
        String key = "mailgun-signing-key";
        Mailgun signer = new Mailgun();
        WebhookReceiver receiver = new WebhookReceiver(WebhookVerifiers.mailgun(key).clock(CLOCK).build(), DeliveryMappers.mailgun(),
                DeliveryEventLogger.builder().loggerFactory(events.loggerFactory()).build());

        Verification forged = receiver.receive(Map.of(), signer.body("wrong-key", NOW, "tok-a"));
        assertThat(forged.accepted()).isFalse();
        assertThat(events.deliveries()).as("a rejected request never reaches the events").isEmpty();

        byte[] valid = signer.body(key, NOW, "tok-b");
        assertThat(receiver.receive(Map.of(), valid).accepted()).isTrue();
        assertThat(events.deliveries()).singleElement().satisfies(e -> assertThat(e).containsEntry("mailtrail.delivery.status", "delivered"));
        assertThat(receiver.receive(Map.of(), valid).accepted()).as("replay").isFalse();
        assertThat(events.deliveries()).hasSize(1);
        assertThatThrownBy(() -> new WebhookReceiver(WebhookVerifiers.mailgun(key).build(), DeliveryMappers.sendgrid(),
                DeliveryEventLogger.builder().build())).hasMessage("webhook receiver: verifier is for mailgun but mapper for sendgrid");
    }

    @Test
    void theReplayCacheForgetsExpiredIdsAndStaysBounded() {
        ReplayCache cache = ReplayCache.create(2);
        assertThat(cache.firstSeen("a", NOW, Duration.ofMinutes(1))).isTrue();
        assertThat(cache.firstSeen("a", NOW.plusSeconds(30), Duration.ofMinutes(1))).isFalse();
        assertThat(cache.firstSeen("a", NOW.plusSeconds(61), Duration.ofMinutes(1))).as("expired").isTrue();
        cache.firstSeen("b", NOW.plusSeconds(62), Duration.ofMinutes(1));
        cache.firstSeen("c", NOW.plusSeconds(63), Duration.ofMinutes(1));
        assertThat(cache.size()).isEqualTo(2);
        assertThatThrownBy(() -> ReplayCache.create(0)).hasMessage("replay cache capacity: 0 is below 1");
    }
}
