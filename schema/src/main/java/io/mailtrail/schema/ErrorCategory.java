package io.mailtrail.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * mailtrail's error taxonomy ({@code mailtrail.error.category}), for dashboards and alerts. Each category
 * has a default retryability; a classifier may override it for one attempt (e.g. a connect timeout is
 * retryable, a read timeout is not).
 *
 * <p>Three categories refine a broader one ({@link #broader()}): a reader that only knows the broader
 * category (an older dashboard, a score against an older taxonomy) may fold them into it. They exist because
 * users must act differently on them: fixing DNS records (SPF/DKIM/DMARC/PTR) is not verifying a sender
 * identity; getting off a blocklist is not rewriting content; a full mailbox clears by itself.
 */
public enum ErrorCategory {
    /** The request did not reach the provider: connection refused or reset, DNS, TLS handshake. */
    NETWORK(true),
    /** Connect, read or write timeout. */
    TIMEOUT(true),
    /** HTTP 429, SES throttling, SMTP 454/421 throttling. */
    RATE_LIMITED(true),
    /** HTTP 5xx, provider maintenance, SMTP 421/451. */
    PROVIDER_UNAVAILABLE(true),
    /** Daily or monthly quota exhausted: retry only after the window resets. */
    QUOTA_EXCEEDED(false),
    /** Invalid API key or SMTP credentials. */
    AUTHENTICATION(false),
    /** Sender identity or domain not verified, or the sender is not allowed to send at all. */
    SENDER_NOT_AUTHORIZED(false),
    /**
     * The receiving side's authentication policy failed: SPF, DKIM, DMARC, or reverse DNS (PTR) of the sending
     * host (RFC 7372 x.7.20-x.7.26 and the providers' texts). Fixed in DNS, not by retrying.
     */
    SENDER_AUTHENTICATION_FAILED(false, SENDER_NOT_AUTHORIZED),
    /** Account suspended or sending paused by the provider. */
    ACCOUNT_BLOCKED(false),
    /** Validation error: the request is wrong. */
    INVALID_REQUEST(false),
    /** Message too large (HTTP 413, SMTP 552). */
    PAYLOAD_TOO_LARGE(false),
    /** A recipient address was refused. */
    RECIPIENT_REJECTED(false),
    /** The recipient is on a suppression list. */
    RECIPIENT_SUPPRESSED(false),
    /**
     * The recipient's mailbox is over its quota (x.2.2). Not the sender's quota ({@link #QUOTA_EXCEEDED}).
     * Retryable: the mailbox may be emptied, which is why MTAs keep such mail queued for days.
     */
    MAILBOX_FULL(true, RECIPIENT_REJECTED),
    /** Content refused (spam, virus, policy). */
    CONTENT_REJECTED(false),
    /**
     * The sending IP, host or domain is refused for its reputation: a DNS blocklist (Spamhaus, Barracuda,
     * ...), a provider's own block list, "poor reputation". Retrying from the same IP does not help.
     */
    SENDER_BLOCKLISTED(false, CONTENT_REJECTED),
    /** Anything not mapped; the raw code is kept in {@code error.code}. */
    UNKNOWN(false);

    private final boolean retryable;
    private final ErrorCategory broader;
    /** Computed once: {@link #value()} runs on every failed call. */
    private final String value = name().toLowerCase(Locale.ROOT);

    ErrorCategory(boolean retryable) {
        this(retryable, null);
    }

    ErrorCategory(boolean retryable, ErrorCategory broader) {
        this.retryable = retryable;
        this.broader = broader;
    }

    /** The broader category this one refines, if it refines one. */
    public Optional<ErrorCategory> broader() {
        return Optional.ofNullable(broader);
    }

    /** This category, or the broader one it refines: the category of the taxonomy before refinements. */
    public ErrorCategory coarse() {
        return broader == null ? this : broader;
    }

    /** The category with this value ({@link #value()}), if there is one. */
    public static Optional<ErrorCategory> ofValue(String value) {
        for (ErrorCategory c : values()) {
            if (c.value.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether an attempt that failed this way may be retried, by default. */
    public boolean retryableByDefault() {
        return retryable;
    }

    /** The value written into {@code mailtrail.error.category}. */
    public String value() {
        return value;
    }
}
