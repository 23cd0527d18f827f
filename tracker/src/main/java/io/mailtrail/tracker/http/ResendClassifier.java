package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Resend {@code POST /emails}: 200 {@code {"id":...}}; errors as {@code {"statusCode":..,"name":..,"message":..}}
 * where {@code name} is the machine code; {@code ratelimit-remaining}, {@code ratelimit-reset} (seconds) and
 * {@code retry-after} (seconds) headers.
 */
final class ResendClassifier extends AbstractClassifier {

    private static final Map<String, ErrorCategory> BY_NAME = Map.ofEntries(
            Map.entry("missing_api_key", ErrorCategory.AUTHENTICATION),
            Map.entry("invalid_api_key", ErrorCategory.AUTHENTICATION),
            Map.entry("restricted_api_key", ErrorCategory.AUTHENTICATION),
            Map.entry("invalid_from_address", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_idempotency_key", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_idempotent_request", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_attachment", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_access", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_parameter", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalid_region", ErrorCategory.INVALID_REQUEST),
            Map.entry("missing_required_field", ErrorCategory.INVALID_REQUEST),
            Map.entry("not_found", ErrorCategory.INVALID_REQUEST),
            Map.entry("method_not_allowed", ErrorCategory.INVALID_REQUEST),
            Map.entry("rate_limit_exceeded", ErrorCategory.RATE_LIMITED),
            Map.entry("daily_quota_exceeded", ErrorCategory.QUOTA_EXCEEDED),
            Map.entry("monthly_quota_exceeded", ErrorCategory.QUOTA_EXCEEDED),
            Map.entry("security_error", ErrorCategory.CONTENT_REJECTED),
            Map.entry("application_error", ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry("internal_server_error", ErrorCategory.PROVIDER_UNAVAILABLE));

    ResendClassifier(Clock clock) {
        super("resend", clock);
    }

    @Override
    HttpCallResult classify(HttpResponseView response, JsonNode json) {
        if (response.isSuccess()) {
            return success(response, JsonBodies.text(json, "id"));
        }
        String name = JsonBodies.text(json, "name");
        String message = message(response, json, "message");
        if ("concurrent_idempotent_requests".equals(name)) {
            // the same idempotency key is still in flight: the request is fine, only early; retrying is safe
            return new HttpCallResult(io.mailtrail.schema.Outcome.FAILURE, null, ErrorCategory.UNKNOWN, true, name,
                    ProviderText.clean(message), retryAfter(response), rateLimitRemaining(response));
        }
        ErrorCategory category = name == null ? null : BY_NAME.get(name);
        if (category == null && "validation_error".equals(name) && response.status() == 403) {
            // Resend's 403 validation_error: unverified domain or testing-only sender
            category = ErrorCategory.SENDER_NOT_AUTHORIZED;
        }
        if (category == null) {
            category = StatusCategories.of(response.status());
        }
        return failure(response, category, name, message);
    }

    @Override
    Long rateLimitRemaining(HttpResponseView response) {
        return RateLimitHeaders.count(response, "ratelimit-remaining");
    }

    @Override
    Duration providerWait(HttpResponseView response) {
        return RateLimitHeaders.secondsHeader(response, "ratelimit-reset");
    }
}
