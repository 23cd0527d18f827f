package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailgun {@code POST /v3/{domain}/messages}: 200 {@code {"id":"<...>","message":"Queued. Thank you."}} (the id
 * loses its angle brackets); errors as {@code {"message":...}} or plain text such as "Forbidden"; a 429 may say
 * "try again after &lt;HTTP-date&gt;" in its message when no {@code Retry-After} header is sent.
 */
final class MailgunClassifier extends AbstractClassifier {

    private static final Pattern TRY_AGAIN_AFTER = Pattern.compile(
            "try again after\\s+(\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} (?:GMT|UTC|[+-]\\d{4}))",
            Pattern.CASE_INSENSITIVE);

    MailgunClassifier(Clock clock) {
        super("mailgun", clock);
    }

    @Override
    HttpCallResult classify(HttpResponseView response, JsonNode json) {
        if (response.isSuccess()) {
            return success(response, JsonBodies.text(json, "id"));
        }
        String message = message(response, json, "message");
        return failure(response, category(response.status(), message), null, message);
    }

    private static ErrorCategory category(int status, String message) {
        if (status == 400 && (containsIgnoreCase(message, "not allowed to send")
                || containsIgnoreCase(message, "sandbox subdomains")
                || containsIgnoreCase(message, "not verified")
                || containsIgnoreCase(message, "authorized recipients"))) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED;
        }
        return StatusCategories.of(status);
    }

    @Override
    Duration providerWait(HttpResponseView response) {
        if (response.status() != 429) {
            return null;
        }
        String message = message(response, JsonBodies.parse(response.body()).orElse(null), "message");
        if (message == null) {
            return null;
        }
        Matcher m = TRY_AGAIN_AFTER.matcher(message);
        return m.find() ? RateLimitHeaders.parseHttpDate(m.group(1).replace("UTC", "GMT"))
                .map(at -> RateLimitHeaders.untilOrZero(at, clock)).orElse(null) : null;
    }
}
