package io.mailtrail.tracker.http;

import static io.mailtrail.schema.ErrorCategory.AUTHENTICATION;
import static io.mailtrail.schema.ErrorCategory.INVALID_REQUEST;
import static io.mailtrail.schema.ErrorCategory.PAYLOAD_TOO_LARGE;
import static io.mailtrail.schema.ErrorCategory.PROVIDER_UNAVAILABLE;
import static io.mailtrail.schema.ErrorCategory.RATE_LIMITED;
import static io.mailtrail.schema.ErrorCategory.RECIPIENT_SUPPRESSED;
import static io.mailtrail.tracker.http.ClassifierCase.respond;

import io.mailtrail.schema.ErrorCategory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PostmarkClassifierTest {

    private static final String OK_ITEM = "{\"To\":\"jane@example.com\",\"SubmittedAt\":\"2026-11-27T07:00:00.1234567-05:00\","
            + "\"MessageID\":\"b7bc2f4a-e38e-4336-af7d-e6c392c2f817\",\"ErrorCode\":0,\"Message\":\"OK\"}";

    static Stream<ClassifierCase> cases() {
        return Stream.of(
                respond("200 OK", 200, OK_ITEM).success("b7bc2f4a-e38e-4336-af7d-e6c392c2f817"),
                respond("401 token", 401, "{\"ErrorCode\":10,\"Message\":\"The Server Token you provided in the X-Postmark-Server-Token "
                        + "request header was invalid. Please verify that you are using a valid token.\"}")
                        .failure(AUTHENTICATION, "10"),
                respond("401 without body", 401, "").failure(AUTHENTICATION, "401").message(null),
                respond("422 inactive recipient", 422, "{\"ErrorCode\":406,\"Message\":\"You tried to send to recipient(s) that have been "
                        + "marked as inactive. Found inactive addresses: jane.doe+news@example.com. Inactive recipients are ones that "
                        + "have generated a hard bounce, a spam complaint, or a manual suppression.\"}")
                        .failure(RECIPIENT_SUPPRESSED, "406")
                        .message("You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: "
                                + "<redacted>@example.com. Inactive recipients are ones that have generated a hard bounce, a spam "
                                + "complaint, or a manual suppression."),
                respond("422 template error outside the table", 422, "{\"ErrorCode\":1101,\"Message\":\"The template could not be found.\"}")
                        .failure(INVALID_REQUEST, "1101"),
                respond("413 too large HTML", 413, "<html><body>Request Entity Too Large</body></html>")
                        .failure(PAYLOAD_TOO_LARGE, "413"),
                respond("415 content type", 415, "").failure(INVALID_REQUEST, "415"),
                respond("429 plain", 429, "").failure(RATE_LIMITED, "429"),
                respond("429 with ErrorCode", 429, "{\"ErrorCode\":429,\"Message\":\"Rate limit exceeded.\"}")
                        .failure(RATE_LIMITED, "429"),
                respond("500", 500, "{\"ErrorCode\":0,\"Message\":\"Internal Server Error\"}").failure(PROVIDER_UNAVAILABLE, "500"),
                respond("503 HTML", 503, "<!DOCTYPE html><html><body>Maintenance</body></html>").failure(PROVIDER_UNAVAILABLE, "503"),
                respond("batch all accepted", 200, "[" + OK_ITEM + "," + OK_ITEM.replace("b7bc2f4a", "c8cd3f5b") + "]")
                        .success(null),
                respond("batch of one", 200, "[" + OK_ITEM + "]").success("b7bc2f4a-e38e-4336-af7d-e6c392c2f817"),
                respond("batch with an inactive recipient", 200, "[" + OK_ITEM + ",{\"ErrorCode\":406,\"Message\":\"You tried to send "
                        + "to a recipient that has been marked as inactive.\"}]")
                        .failure(RECIPIENT_SUPPRESSED, "406"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(ClassifierCase c) {
        c.assertClassifiedBy(new PostmarkClassifier(ClassifierCase.CLOCK));
    }

    /** Every API ErrorCode of Postmark's table, answered as the 422 Postmark sends for it. */
    @ParameterizedTest(name = "ErrorCode {0} -> {1}")
    @CsvSource({
            "10, AUTHENTICATION, Bad or missing API token",
            "100, PROVIDER_UNAVAILABLE, Maintenance",
            "300, INVALID_REQUEST, Invalid email request",
            "400, SENDER_NOT_AUTHORIZED, Sender signature not found",
            "401, SENDER_NOT_AUTHORIZED, Sender signature not confirmed",
            "402, INVALID_REQUEST, Invalid JSON",
            "403, INVALID_REQUEST, Incompatible JSON",
            "405, ACCOUNT_BLOCKED, Not allowed to send",
            "406, RECIPIENT_SUPPRESSED, Inactive recipient",
            "409, INVALID_REQUEST, JSON required",
            "410, INVALID_REQUEST, Too many batch messages",
            "411, CONTENT_REJECTED, Forbidden attachment type",
            "412, ACCOUNT_BLOCKED, Account is pending",
            "413, ACCOUNT_BLOCKED, Account may not send",
            "429, RATE_LIMITED, Rate limit exceeded",
    })
    void classifiesErrorCodeTable(int errorCode, ErrorCategory category, String message) {
        respond("422 ErrorCode " + errorCode, errorCode == 429 ? 429 : 422,
                "{\"ErrorCode\":" + errorCode + ",\"Message\":\"" + message + "\"}")
                .failure(category, Integer.toString(errorCode)).message(message)
                .assertClassifiedBy(new PostmarkClassifier(ClassifierCase.CLOCK));
    }
}
