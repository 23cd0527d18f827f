package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SendGrid v3 {@code POST /v3/mail/send}: 202 with the {@code X-Message-Id} header; errors as
 * {@code {"errors":[{"message":..,"field":..}]}} (an oversize request may get an nginx HTML page instead);
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch seconds).
 */
final class SendgridClassifier extends AbstractClassifier {

    SendgridClassifier(Clock clock) {
        super("sendgrid", clock);
    }

    @Override
    HttpCallResult classify(HttpResponseView response, JsonNode json) {
        if (response.isSuccess()) {
            return success(response, response.header("X-Message-Id").orElse(null));
        }
        String message = messages(json);
        if (message == null) {
            message = plainTextBody(response);
        }
        return failure(response, category(response.status(), message), null, message);
    }

    private static ErrorCategory category(int status, String message) {
        // SendGrid answers an exhausted plan with 401 "Maximum credits exceeded"
        if (containsIgnoreCase(message, "maximum credits exceeded")) {
            return ErrorCategory.QUOTA_EXCEEDED;
        }
        if (status == 403 && (containsIgnoreCase(message, "sender identity") || containsIgnoreCase(message, "not verified"))) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED;
        }
        return StatusCategories.of(status);
    }

    /** All error messages, "field: message" joined by "; ". */
    private static String messages(JsonNode json) {
        if (json == null || !json.path("errors").isArray()) {
            return json == null ? null : JsonBodies.text(json, "message");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : json.get("errors")) {
            String message = JsonBodies.text(error, "message");
            String field = JsonBodies.text(error, "field");
            if (message != null) {
                parts.add(field == null ? message : field + ": " + message);
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    @Override
    Long rateLimitRemaining(HttpResponseView response) {
        return RateLimitHeaders.count(response, "X-RateLimit-Remaining");
    }

    @Override
    Duration providerWait(HttpResponseView response) {
        return RateLimitHeaders.epochSecondsHeader(response, "X-RateLimit-Reset", clock);
    }
}
