package io.mailtrail.tracker.webhook;

/**
 * What a {@link WebhookVerifier} decided about one request: {@link Verified} (authentic, fresh, first seen) or
 * {@link Rejected} with a reason safe to log and to answer with (it never holds a secret, a signature or a
 * payload value).
 */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    /** The provider the verifier is for. */
    String provider();

    /** Whether the request may be processed. */
    boolean accepted();

    /** The request is authentic and was not seen before. */
    record Verified(String provider) implements Verification {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /**
     * The request must not be processed (answer 401/403 and drop it).
     *
     * @param reason e.g. {@code "signature does not match"}, {@code "timestamp outside the 300 s tolerance"},
     *               {@code "replayed: token already seen"}
     */
    record Rejected(String provider, String reason) implements Verification {
        @Override
        public boolean accepted() {
            return false;
        }
    }
}
