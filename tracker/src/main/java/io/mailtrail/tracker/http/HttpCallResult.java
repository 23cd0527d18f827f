package io.mailtrail.tracker.http;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import java.time.Duration;

/**
 * The classification of one HTTP attempt at sending through a provider.
 *
 * @param outcome            success for a 2xx the provider accepted, failure otherwise
 * @param messageId          the provider's message id, normalised (no angle brackets), or null
 * @param errorCategory      the taxonomy category of a failure; null on success
 * @param retryable          whether this attempt may be retried (false on success)
 * @param errorCode          the provider's error code if it has one, else the HTTP status as text; null on success
 * @param errorMessage       the provider's message with CR/LF removed, e-mail local parts redacted and capped
 *                           at {@link ProviderText#MAX_LENGTH}; may be null
 * @param retryAfter         how long to wait before retrying, from {@code Retry-After} or the provider's reset
 *                           headers; only set on failures, else null
 * @param rateLimitRemaining requests left in the provider's current rate-limit window, or null when the provider
 *                           did not say
 */
public record HttpCallResult(
        Outcome outcome,
        String messageId,
        ErrorCategory errorCategory,
        boolean retryable,
        String errorCode,
        String errorMessage,
        Duration retryAfter,
        Long rateLimitRemaining) {

    /** An accepted send. */
    public static HttpCallResult success(String messageId, Long rateLimitRemaining) {
        return new HttpCallResult(Outcome.SUCCESS, messageId, null, false, null, null, null, rateLimitRemaining);
    }

    /** A failed attempt whose retryability is the category's default. */
    public static HttpCallResult failure(ErrorCategory category, String errorCode, String errorMessage,
                                         Duration retryAfter, Long rateLimitRemaining) {
        return new HttpCallResult(Outcome.FAILURE, null, category, category.retryableByDefault(), errorCode,
                errorMessage, retryAfter, rateLimitRemaining);
    }
}
