package io.mailtrail.tracker.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SendGrid's signed Event Webhook: ECDSA (P-256, SHA-256) over the timestamp header followed by the raw body,
 * signature in {@code X-Twilio-Email-Event-Webhook-Signature} (base64 DER), timestamp in
 * {@code X-Twilio-Email-Event-Webhook-Timestamp} (epoch seconds). The public key is the one SendGrid shows for
 * the webhook (base64 of the DER SubjectPublicKeyInfo). Replays: the signature is the id remembered.
 */
final class SendgridSignatureVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final PublicKey key;
    private final Freshness freshness;

    SendgridSignatureVerifier(String publicKeyBase64, Freshness freshness) {
        this.key = parse(publicKeyBase64);
        this.freshness = freshness;
    }

    private static PublicKey parse(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("sendgrid verification key: missing (the public key of the signed Event Webhook)");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64.trim())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("sendgrid verification key: not a base64 EC public key (as SendGrid shows it)");
        }
    }

    @Override
    public String provider() {
        return "sendgrid";
    }

    @Override
    public Verification verify(Map<String, List<String>> headers, byte[] body) {
        String signature = Headers.first(headers, SIGNATURE_HEADER);
        String timestamp = Headers.first(headers, TIMESTAMP_HEADER);
        if (signature == null || timestamp == null) {
            return reject("missing " + (signature == null ? SIGNATURE_HEADER : TIMESTAMP_HEADER) + " header");
        }
        if (body == null) {
            return reject("no body");
        }
        long seconds;
        byte[] der;
        try {
            seconds = Long.parseLong(timestamp);
            der = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return reject("malformed signature or timestamp header");
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            if (!ecdsa.verify(der)) {
                return reject("signature does not match");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return reject("signature does not match");
        }
        String stale = freshness.check(Instant.ofEpochSecond(seconds), "sig:" + signature);
        return stale == null ? new Verification.Verified(provider()) : reject(stale);
    }

    private Verification reject(String reason) {
        return new Verification.Rejected(provider(), reason);
    }

    @Override
    public String toString() {
        return "SendgridSignatureVerifier[tolerance=" + freshness.tolerance() + "]";
    }
}
