package io.mailtrail.tracker.http;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;

import java.time.Duration;

/** PLACEHOLDER of the tracker-api contract type; replaced by the providers helper's at merge. */
public record HttpCallResult(Outcome outcome, String messageId, ErrorCategory errorCategory, boolean retryable,
        String errorCode, String errorMessage, Duration retryAfter, Long rateLimitRemaining) {
}
