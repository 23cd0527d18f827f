package io.mailtrail.tracker.webhook;

import java.util.List;
import java.util.Map;

/**
 * Checks that a delivery webhook request really comes from the provider: its signature (or credentials), its
 * age against a tolerance, and that it was not seen before. Build one with {@link WebhookVerifiers}.
 * Implementations are thread-safe, never throw for any input, and never put a secret in a reason, an exception
 * or {@code toString()}.
 */
public interface WebhookVerifier {

    /** {@code sendgrid}, {@code mailgun}, {@code ses} (SNS) or {@code postmark}. */
    String provider();

    /**
     * @param headers the request headers (names in any case; a framework's multi-valued map as it is)
     * @param body    the raw request body, byte for byte as received: signatures cover the exact bytes
     */
    Verification verify(Map<String, List<String>> headers, byte[] body);
}
