package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES: API v2 {@code SendEmail} (REST-JSON: 200 {@code {"MessageId":...}}, errors named by the
 * {@code x-amzn-ErrorType} header or {@code __type}/{@code code} in the body) and, for users still on it, the v1
 * Query API's XML errors ({@code <Code>Throttling</Code>}).
 */
final class SesClassifier extends AbstractClassifier {

    private static final Map<String, ErrorCategory> BY_ERROR_TYPE = Map.ofEntries(
            Map.entry("toomanyrequestsexception", ErrorCategory.RATE_LIMITED),
            Map.entry("throttling", ErrorCategory.RATE_LIMITED),
            Map.entry("throttlingexception", ErrorCategory.RATE_LIMITED),
            // SendEmail's LimitExceededException is a limit of the account, not a per-second rate
            Map.entry("limitexceededexception", ErrorCategory.QUOTA_EXCEEDED),
            Map.entry("accountsuspendedexception", ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry("sendingpausedexception", ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry("accountsendingpausedexception", ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry("configurationsetsendingpausedexception", ErrorCategory.ACCOUNT_BLOCKED),
            Map.entry("mailfromdomainnotverifiedexception", ErrorCategory.SENDER_NOT_AUTHORIZED),
            Map.entry("mailfromdomainnotverified", ErrorCategory.SENDER_NOT_AUTHORIZED),
            Map.entry("messagerejected", ErrorCategory.CONTENT_REJECTED),
            Map.entry("notfoundexception", ErrorCategory.INVALID_REQUEST),
            Map.entry("configurationsetdoesnotexist", ErrorCategory.INVALID_REQUEST),
            Map.entry("configurationsetdoesnotexistexception", ErrorCategory.INVALID_REQUEST),
            Map.entry("badrequestexception", ErrorCategory.INVALID_REQUEST),
            Map.entry("invalidparametervalue", ErrorCategory.INVALID_REQUEST),
            Map.entry("validationexception", ErrorCategory.INVALID_REQUEST),
            Map.entry("serializationexception", ErrorCategory.INVALID_REQUEST),
            Map.entry("unrecognizedclientexception", ErrorCategory.AUTHENTICATION),
            Map.entry("invalidsignatureexception", ErrorCategory.AUTHENTICATION),
            Map.entry("signaturedoesnotmatch", ErrorCategory.AUTHENTICATION),
            Map.entry("incompletesignature", ErrorCategory.AUTHENTICATION),
            Map.entry("incompletesignatureexception", ErrorCategory.AUTHENTICATION),
            Map.entry("missingauthenticationtoken", ErrorCategory.AUTHENTICATION),
            Map.entry("missingauthenticationtokenexception", ErrorCategory.AUTHENTICATION),
            Map.entry("invalidclienttokenid", ErrorCategory.AUTHENTICATION),
            Map.entry("expiredtoken", ErrorCategory.AUTHENTICATION),
            Map.entry("expiredtokenexception", ErrorCategory.AUTHENTICATION),
            Map.entry("accessdeniedexception", ErrorCategory.AUTHENTICATION),
            Map.entry("internalfailure", ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry("internalserviceerrorexception", ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry("internalservererror", ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry("serviceunavailable", ErrorCategory.PROVIDER_UNAVAILABLE),
            Map.entry("serviceunavailableexception", ErrorCategory.PROVIDER_UNAVAILABLE));

    private static final Pattern XML_CODE = Pattern.compile("<Code>\\s*([^<]+?)\\s*</Code>");
    private static final Pattern XML_MESSAGE_ID = Pattern.compile("<MessageId>\\s*([^<]+?)\\s*</MessageId>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>\\s*([^<]*?)\\s*</Message>", Pattern.DOTALL);

    SesClassifier(Clock clock) {
        super("ses", clock);
    }

    @Override
    HttpCallResult classify(HttpResponseView response, JsonNode json) {
        if (response.isSuccess()) {
            String id = JsonBodies.text(json, "MessageId");
            if (id == null) {
                id = xml(XML_MESSAGE_ID, response.body());
            }
            return success(response, id);
        }
        String type = errorType(response, json);
        String message = json != null ? firstText(json, "message", "Message") : xml(XML_MESSAGE, response.body());
        if (message == null) {
            message = plainTextBody(response);
        }
        ErrorCategory category = type == null ? null : BY_ERROR_TYPE.get(type.toLowerCase(Locale.ROOT));
        category = refineByMessage(category, message);
        if (category == null) {
            return failure(response, StatusCategories.of(response.status()), type, message);
        }
        return failure(response, category, type, message);
    }

    /** SES words quota and rate errors by their text; the text beats the error type. */
    private static ErrorCategory refineByMessage(ErrorCategory category, String message) {
        if (containsIgnoreCase(message, "daily message quota exceeded")) {
            return ErrorCategory.QUOTA_EXCEEDED;
        }
        if (containsIgnoreCase(message, "maximum sending rate exceeded")) {
            return ErrorCategory.RATE_LIMITED;
        }
        // v1 answers an unverified sender with MessageRejected "Email address is not verified..."
        if ((category == ErrorCategory.CONTENT_REJECTED || category == null)
                && containsIgnoreCase(message, "not verified")) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED;
        }
        return category;
    }

    /** The error type: header {@code x-amzn-ErrorType} ("Type:namespace-url"), {@code __type} ("ns#Type"), or XML Code. */
    private static String errorType(HttpResponseView response, JsonNode json) {
        String raw = response.header("x-amzn-ErrorType").orElse(null);
        if (raw == null && json != null) {
            raw = firstText(json, "__type", "code", "Code");
        }
        if (raw == null && json == null) {
            raw = xml(XML_CODE, response.body());
        }
        if (raw == null) {
            return null;
        }
        int colon = raw.indexOf(':');
        if (colon > 0) {
            raw = raw.substring(0, colon);
        }
        int hash = raw.lastIndexOf('#');
        if (hash >= 0) {
            raw = raw.substring(hash + 1);
        }
        raw = raw.strip();
        return raw.isEmpty() ? null : raw;
    }

    private static String firstText(JsonNode json, String... fields) {
        for (String field : fields) {
            String text = JsonBodies.text(json, field);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String xml(Pattern pattern, String body) {
        if (body == null) {
            return null;
        }
        Matcher m = pattern.matcher(body);
        return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
    }
}
