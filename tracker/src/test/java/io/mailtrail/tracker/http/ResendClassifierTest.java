package io.mailtrail.tracker.http;

import static io.mailtrail.schema.ErrorCategory.PROVIDER_UNAVAILABLE;
import static io.mailtrail.schema.ErrorCategory.RATE_LIMITED;
import static io.mailtrail.schema.ErrorCategory.UNKNOWN;
import static io.mailtrail.tracker.http.ClassifierCase.respond;

import io.mailtrail.schema.ErrorCategory;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResendClassifierTest {

    static Stream<ClassifierCase> cases() {
        return Stream.of(
                respond("200 sent", 200, "{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")
                        .header("ratelimit-limit", "2").header("ratelimit-remaining", "1").header("ratelimit-reset", "1")
                        .success("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794").remaining(1),
                respond("429 rate limit with retry-after", 429, "{\"statusCode\":429,\"message\":\"Too many requests. You can only make "
                        + "2 requests per second.\",\"name\":\"rate_limit_exceeded\"}")
                        .header("ratelimit-limit", "2").header("ratelimit-remaining", "0").header("ratelimit-reset", "1")
                        .header("retry-after", "2")
                        .failure(RATE_LIMITED, "rate_limit_exceeded").retryAfter(Duration.ofSeconds(2)).remaining(0),
                respond("429 rate limit with reset only", 429, "{\"statusCode\":429,\"message\":\"Too many requests.\",\"name\":\"rate_limit_exceeded\"}")
                        .header("ratelimit-remaining", "0").header("ratelimit-reset", "1")
                        .failure(RATE_LIMITED, "rate_limit_exceeded").retryAfter(Duration.ofSeconds(1)).remaining(0),
                respond("409 concurrent idempotent requests", 409, "{\"statusCode\":409,\"message\":\"Same idempotency key used while "
                        + "original request is still in progress.\",\"name\":\"concurrent_idempotent_requests\"}")
                        .failure(UNKNOWN, true, "concurrent_idempotent_requests"),
                respond("502 Cloudflare HTML", 502, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>")
                        .failure(PROVIDER_UNAVAILABLE, "502").message(null),
                respond("500 invalid JSON", 500, "{\"statusCode\":500,").failure(PROVIDER_UNAVAILABLE, "500"),
                respond("422 unknown name", 422, "{\"statusCode\":422,\"message\":\"New rule\",\"name\":\"some_new_error\"}")
                        .failure(ErrorCategory.INVALID_REQUEST, "some_new_error").message("New rule"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(ClassifierCase c) {
        c.assertClassifiedBy(new ResendClassifier(ClassifierCase.CLOCK));
    }

    /** Every error name Resend documents, with the status it comes with. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, validation_error, INVALID_REQUEST, The `to` field must be a `string`.",
            "400, invalid_idempotency_key, INVALID_REQUEST, The key must be between 1-256 chars.",
            "401, missing_api_key, AUTHENTICATION, Missing API key in the authorization header.",
            "401, restricted_api_key, AUTHENTICATION, This API key is restricted to only send emails.",
            "403, invalid_api_key, AUTHENTICATION, API key is invalid.",
            "403, validation_error, SENDER_NOT_AUTHORIZED, The example.com domain is not verified. Please add and verify your domain.",
            "404, not_found, INVALID_REQUEST, The requested endpoint does not exist.",
            "405, method_not_allowed, INVALID_REQUEST, Method PUT not allowed.",
            "409, invalid_idempotent_request, INVALID_REQUEST, Same idempotency key used with a different request payload.",
            "422, invalid_attachment, INVALID_REQUEST, Attachment must have either a content or path.",
            "422, invalid_from_address, INVALID_REQUEST, Invalid `from` field.",
            "422, invalid_access, INVALID_REQUEST, Access must be 'full_access' or 'sending_access'.",
            "422, invalid_parameter, INVALID_REQUEST, The `id` must be a valid UUID.",
            "422, invalid_region, INVALID_REQUEST, Region must be one of us-east-1 or eu-west-1.",
            "422, missing_required_field, INVALID_REQUEST, Missing `to` field.",
            "429, daily_quota_exceeded, QUOTA_EXCEEDED, You have reached your daily email sending quota.",
            "429, monthly_quota_exceeded, QUOTA_EXCEEDED, You have reached your monthly email sending quota.",
            "429, rate_limit_exceeded, RATE_LIMITED, Too many requests.",
            "451, security_error, CONTENT_REJECTED, We may have found a security issue with the request.",
            "500, application_error, PROVIDER_UNAVAILABLE, An unexpected error occurred.",
            "500, internal_server_error, PROVIDER_UNAVAILABLE, An unexpected error occurred.",
    })
    void classifiesErrorNames(int status, String name, ErrorCategory category, String message) {
        respond(status + " " + name, status, "{\"statusCode\":" + status + ",\"message\":\"" + message.replace("\"", "\\\"")
                + "\",\"name\":\"" + name + "\"}")
                .failure(category, name).message(message)
                .assertClassifiedBy(new ResendClassifier(ClassifierCase.CLOCK));
    }
}
