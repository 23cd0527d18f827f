package io.mailtrail.tracker.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Postmark signs nothing: a webhook is authenticated by the credentials in its URL (HTTP basic auth) or by a
 * custom header with a shared secret, both configured in Postmark. Compared in constant time. Postmark's
 * requests carry no timestamp or nonce, so there is no replay defence beyond HTTPS; deliveries are idempotent
 * on the mailtrail side (same message id and status).
 */
final class PostmarkAuthVerifier implements WebhookVerifier {

    private final String header;
    private final byte[] expected;

    private PostmarkAuthVerifier(String header, byte[] expected) {
        this.header = header;
        this.expected = expected;
    }

    static PostmarkAuthVerifier basicAuth(String user, String password) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("postmark webhook basic auth: user and password are both required");
        }
        String token = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new PostmarkAuthVerifier("Authorization", token.getBytes(StandardCharsets.UTF_8));
    }

    static PostmarkAuthVerifier sharedSecret(String headerName, String secret) {
        if (headerName == null || headerName.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("postmark webhook shared secret: header name and secret are both required");
        }
        return new PostmarkAuthVerifier(headerName.trim(), secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String provider() {
        return "postmark";
    }

    @Override
    public Verification verify(Map<String, List<String>> headers, byte[] body) {
        String given = Headers.first(headers, header);
        if (given == null) {
            return new Verification.Rejected(provider(), "missing " + header + " header");
        }
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return new Verification.Rejected(provider(), "credentials do not match");
        }
        return new Verification.Verified(provider());
    }

    @Override
    public String toString() {
        return "PostmarkAuthVerifier[header=" + header + "]";
    }
}
