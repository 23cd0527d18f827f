package io.mailtrail.tracker.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Mailgun: the JSON body carries {@code signature.timestamp} (epoch seconds), {@code signature.token} and
 * {@code signature.signature}, the hex HMAC-SHA256 of timestamp followed by token under the account's webhook
 * signing key. Replays: the token is the id remembered (Mailgun makes one per request).
 */
final class MailgunSignatureVerifier implements WebhookVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] signingKey;
    private final Freshness freshness;

    MailgunSignatureVerifier(String signingKey, Freshness freshness) {
        if (signingKey == null || signingKey.isBlank()) {
            throw new IllegalArgumentException("mailgun webhook signing key: missing");
        }
        this.signingKey = signingKey.trim().getBytes(StandardCharsets.UTF_8);
        this.freshness = freshness;
    }

    @Override
    public String provider() {
        return "mailgun";
    }

    @Override
    public Verification verify(Map<String, List<String>> headers, byte[] body) {
        JsonNode signature;
        try {
            signature = body == null ? null : JSON.readTree(body).path("signature");
        } catch (java.io.IOException | RuntimeException e) {
            return reject("body is not JSON");
        }
        String timestamp = signature == null ? null : text(signature, "timestamp");
        String token = signature == null ? null : text(signature, "token");
        String given = signature == null ? null : text(signature, "signature");
        if (timestamp == null || token == null || given == null) {
            return reject("no signature.timestamp, signature.token and signature.signature in the body");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return reject("malformed signature.timestamp");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            expected = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            return reject("HMAC-SHA256 unavailable");
        }
        if (!MessageDigest.isEqual(expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return reject("signature does not match");
        }
        String stale = freshness.check(Instant.ofEpochSecond(seconds), "token:" + token);
        return stale == null ? new Verification.Verified(provider()) : reject(stale);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Verification reject(String reason) {
        return new Verification.Rejected(provider(), reason);
    }

    @Override
    public String toString() {
        return "MailgunSignatureVerifier[tolerance=" + freshness.tolerance() + "]";
    }
}
