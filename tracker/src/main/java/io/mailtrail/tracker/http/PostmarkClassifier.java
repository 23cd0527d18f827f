package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.util.Map;

/**
 * Postmark {@code POST /email} and {@code /email/batch}: 200 {@code {"ErrorCode":0,"MessageID":...}}; errors as
 * 422 {@code {"ErrorCode":n,"Message":...}} with the API error-code table; 401/413/429/5xx may come without a JSON
 * body. A batch answer is a 200 JSON array whose items carry their own {@code ErrorCode}: the call fails with the
 * first failing item's classification.
 */
final class PostmarkClassifier extends AbstractClassifier {

    private static final Map<Integer, ErrorCategory> BY_ERROR_CODE = Map.ofEntries(
            Map.entry(10, ErrorCategory.AUTHENTICATION),
            Map.entry(100, ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry(300, ErrorCategory.INVALID_REQUEST),
            Map.entry(400, ErrorCategory.SENDER_NOT_AUTHORIZED),
            Map.entry(401, ErrorCategory.SENDER_NOT_AUTHORIZED),
            Map.entry(402, ErrorCategory.INVALID_REQUEST),
            Map.entry(403, ErrorCategory.INVALID_REQUEST),
            Map.entry(405, ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry(406, ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry(409, ErrorCategory.INVALID_REQUEST),
            Map.entry(410, ErrorCategory.INVALID_REQUEST),
            Map.entry(411, ErrorCategory.CONTENT_REJECTED),
            Map.entry(412, ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry(413, ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry(429, ErrorCategory.RATE_LIMITED));

    PostmarkClassifier(Clock clock) {
        super("postmark", clock);
    }

    @Override
    HttpCallResult classify(HttpResponseView response, JsonNode json) {
        if (json != null && json.isArray()) {
            return classifyBatch(response, json);
        }
        return classifyItem(response, json);
    }

    private HttpCallResult classifyItem(HttpResponseView response, JsonNode json) {
        Integer code = errorCode(json);
        String message = message(response, json, "Message");
        if (response.isSuccess() && (code == null || code == 0)) {
            return success(response, JsonBodies.text(json, "MessageID"));
        }
        if (code == null || code == 0) {
            return failure(response, StatusCategories.of(response.status()), null, message);
        }
        ErrorCategory category = BY_ERROR_CODE.get(code);
        if (category == null) {
            // codes outside the table (template errors and the like) are request problems when the status says so
            category = response.isSuccess() ? ErrorCategory.UNKNOWN : StatusCategories.of(response.status());
        }
        return failure(response, category, code.toString(), message);
    }

    private HttpCallResult classifyBatch(HttpResponseView response, JsonNode items) {
        if (!response.isSuccess()) {
            return fromStatus(response, null);
        }
        for (JsonNode item : items) {
            Integer code = errorCode(item);
            if (code != null && code != 0) {
                return classifyItem(response, item);
            }
        }
        // one id only when one message was sent; a batch has no single provider id
        return success(response, items.size() == 1 ? JsonBodies.text(items.get(0), "MessageID") : null);
    }

    private static Integer errorCode(JsonNode json) {
        if (json == null) {
            return null;
        }
        JsonNode code = json.get("ErrorCode");
        if (code == null || !(code.isIntegralNumber() || code.isTextual() && code.asText().matches("\\d{1,9}"))) {
            return null;
        }
        return code.asInt();
    }
}
