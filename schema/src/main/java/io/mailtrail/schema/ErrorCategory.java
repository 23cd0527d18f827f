package io.mailtrail.schema;

import java.util.Locale;

/**
 * mailtrail's error taxonomy ({@code mailtrail.error.category}), for dashboards and alerts. Each category
 * has a default retryability; a classifier may override it for one attempt (e.g. a connect timeout is
 * retryable, a read timeout is not).
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
    /** Sender identity or domain not verified. */
    SENDER_NOT_AUTHORIZED(false),
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
    /** Content refused (spam, virus, policy). */
    CONTENT_REJECTED(false),
    /** Anything not mapped; the raw code is kept in {@code error.code}. */
    UNKNOWN(false);

    private final boolean retryable;
    /** Computed once: {@link #value()} runs on every failed call. */
    private final String value = name().toLowerCase(Locale.ROOT);

    ErrorCategory(boolean retryable) {
        this.retryable = retryable;
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
