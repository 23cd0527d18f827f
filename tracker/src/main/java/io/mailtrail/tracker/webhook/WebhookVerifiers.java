package io.mailtrail.tracker.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Builds the {@link WebhookVerifier} of each provider. Secrets are kept only inside the verifier: never in its
 * {@code toString()}, a reason or an exception message. The JSON-reading verifiers (Mailgun, SNS) need
 * {@code jackson-databind} on the class path, like the delivery mappers.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifiers.sendgrid(System.getenv("SENDGRID_WEBHOOK_PUBLIC_KEY")).build();
 * Verification v = verifier.verify(request.headers(), request.bodyBytes());
 * if (!v.accepted()) return 403;
 * }</pre>
 */
public final class WebhookVerifiers {

    /** Default tolerance between a request's timestamp and now, either way: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookVerifiers() {
    }

    /** SendGrid's signed Event Webhook; {@code publicKey} is the verification key SendGrid shows (base64). */
    public static Builder sendgrid(String publicKey) {
        return new Builder(f -> new SendgridSignatureVerifier(publicKey, f));
    }

    /** Mailgun's webhook signature; {@code signingKey} is the account's "HTTP webhook signing key". */
    public static Builder mailgun(String signingKey) {
        io.mailtrail.tracker.http.JacksonCheck.require("Mailgun webhook verification");
        return new Builder(f -> new MailgunSignatureVerifier(signingKey, f));
    }

    /**
     * SES notifications through SNS: messages of the given topics only, certificates downloaded from AWS
     * ({@link SnsCertificates#https()}).
     */
    public static Builder sns(Set<String> topicArns) {
        return sns(topicArns, SnsCertificates.https());
    }

    /** As {@link #sns(Set)}, with the certificates' keys from {@code certificates}. */
    public static Builder sns(Set<String> topicArns, SnsCertificates certificates) {
        io.mailtrail.tracker.http.JacksonCheck.require("SNS webhook verification");
        return new Builder(f -> new SnsSignatureVerifier(topicArns, certificates, f));
    }

    /** Postmark with basic auth in the webhook URL ({@code https://user:password@host/path}). */
    public static WebhookVerifier postmarkBasicAuth(String user, String password) {
        return PostmarkAuthVerifier.basicAuth(user, password);
    }

    /** Postmark with a custom header holding a shared secret (set in the webhook's "custom headers"). */
    public static WebhookVerifier postmarkSharedSecret(String headerName, String secret) {
        return PostmarkAuthVerifier.sharedSecret(headerName, secret);
    }

    /** Options of a signing verifier. Not thread-safe; the verifier built is. */
    public static final class Builder {
        private final java.util.function.Function<Freshness, WebhookVerifier> factory;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private ReplayCache replayCache;

        private Builder(java.util.function.Function<Freshness, WebhookVerifier> factory) {
            this.factory = factory;
        }

        /** How far a request's timestamp may be from now, either way. Default {@link #DEFAULT_TOLERANCE}. */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** The clock "now" is read from. Default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where accepted request ids are remembered. Default a new {@link ReplayCache#create()} per verifier. */
        public Builder replayCache(ReplayCache replayCache) {
            this.replayCache = replayCache;
            return this;
        }

        /** @throws IllegalArgumentException naming the option when a key, topic or tolerance is missing or invalid */
        public WebhookVerifier build() {
            return factory.apply(new Freshness(clock, tolerance, replayCache != null ? replayCache : ReplayCache.create()));
        }
    }
}
