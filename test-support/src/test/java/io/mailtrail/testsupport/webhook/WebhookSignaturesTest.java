package io.mailtrail.testsupport.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signatures verify with the JDK's own algorithms (the tracker's verifiers are tested against them in
 * the tracker), and payloads they cannot sign are refused with the reason.
 */
class WebhookSignaturesTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void sendgridHeadersCarryAnEcdsaSignatureOfTimestampAndBody() throws Exception {
        KeyPair keys = WebhookSignatures.sendgridKeys();
        byte[] body = "[{\"event\":\"delivered\"}]".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WebhookSignatures.sendgridHeaders(keys, AT, body);
        assertThat(headers).containsEntry(WebhookSignatures.SENDGRID_TIMESTAMP_HEADER, "1796205600");
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(keys.getPublic());
        v.update("1796205600".getBytes(StandardCharsets.UTF_8));
        v.update(body);
        assertThat(v.verify(Base64.getDecoder().decode(headers.get(WebhookSignatures.SENDGRID_SIGNATURE_HEADER)))).isTrue();
        assertThat(WebhookSignatures.sendgridVerificationKey(keys)).isEqualTo(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    @Test
    void mailgunAndSnsSignInsideTheBody() {
        String mailgun = new String(WebhookSignatures.mailgunSigned("{\"signature\":{},\"event-data\":{}}".getBytes(StandardCharsets.UTF_8),
                "key-1", AT, "tok"), StandardCharsets.UTF_8);
        assertThat(mailgun).contains("\"timestamp\":\"1796205600\"", "\"token\":\"tok\"").containsPattern("\"signature\":\"[0-9a-f]{64}\"");
        String sns = new String(WebhookSignatures.snsSigned("{\"Type\":\"Notification\",\"Message\":\"m\",\"TopicArn\":\"t\"}"
                .getBytes(StandardCharsets.UTF_8), WebhookSignatures.snsKeys(), "2", AT, "id-1", null), StandardCharsets.UTF_8);
        assertThat(sns).contains("\"MessageId\":\"id-1\"", "\"SignatureVersion\":\"2\"", "\"Timestamp\":\"2026-12-02T10:00:00Z\"", "\"Signature\":\"");
    }

    @Test
    void aPayloadThatCannotBeSignedSaysWhy() {
        assertThatThrownBy(() -> WebhookSignatures.mailgunSigned("{}".getBytes(StandardCharsets.UTF_8), "k", AT, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mailgun payload: no \"signature\" object");
        assertThatThrownBy(() -> WebhookSignatures.snsSigned("[]".getBytes(StandardCharsets.UTF_8), WebhookSignatures.snsKeys(), "2", AT, null, null))
                .hasMessage("sns message: not a JSON object");
        assertThatThrownBy(() -> WebhookSignatures.mailgunSigned("nope".getBytes(StandardCharsets.UTF_8), "k", AT, "t"))
                .hasMessageStartingWith("mailgun payload: not JSON");
    }
}
