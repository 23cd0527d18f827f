package io.mailtrail.tracker.http;

import static io.mailtrail.schema.ErrorCategory.ACCOUNT_BLOCKED;
import static io.mailtrail.schema.ErrorCategory.AUTHENTICATION;
import static io.mailtrail.schema.ErrorCategory.CONTENT_REJECTED;
import static io.mailtrail.schema.ErrorCategory.INVALID_REQUEST;
import static io.mailtrail.schema.ErrorCategory.PROVIDER_UNAVAILABLE;
import static io.mailtrail.schema.ErrorCategory.QUOTA_EXCEEDED;
import static io.mailtrail.schema.ErrorCategory.RATE_LIMITED;
import static io.mailtrail.schema.ErrorCategory.SENDER_NOT_AUTHORIZED;
import static io.mailtrail.tracker.http.ClassifierCase.respond;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SesClassifierTest {

    private static final String TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sesv2/";

    static Stream<ClassifierCase> cases() {
        return Stream.of(
                respond("200 SendEmail", 200, "{\"MessageId\":\"0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000\"}")
                        .header("x-amzn-RequestId", "2c7e1a0b-6b9e-4d1c-9f3a-1e2d3c4b5a69")
                        .success("0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000"),
                respond("200 v1 SendEmail XML", 200, "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
                        + "<SendEmailResult><MessageId>0102018c-aaaa-bbbb-000000</MessageId></SendEmailResult>"
                        + "<ResponseMetadata><RequestId>d5964849-c866-11e0-9beb-01a62d68c57f</RequestId></ResponseMetadata>"
                        + "</SendEmailResponse>")
                        .success("0102018c-aaaa-bbbb-000000"),
                respond("429 TooManyRequestsException rate", 429, "{\"message\":\"Maximum sending rate exceeded.\"}")
                        .header("x-amzn-ErrorType", "TooManyRequestsException" + TYPE_SUFFIX)
                        .failure(RATE_LIMITED, "TooManyRequestsException")
                        .message("Maximum sending rate exceeded."),
                respond("429 TooManyRequestsException with Retry-After seconds", 429, "{\"message\":\"Maximum sending rate exceeded.\"}")
                        .header("x-amzn-ErrorType", "TooManyRequestsException" + TYPE_SUFFIX)
                        .header("Retry-After", "5")
                        .failure(RATE_LIMITED, "TooManyRequestsException")
                        .retryAfter(Duration.ofSeconds(5)),
                respond("429 with Retry-After HTTP-date", 429, "{\"message\":\"Maximum sending rate exceeded.\"}")
                        .header("x-amzn-ErrorType", "TooManyRequestsException" + TYPE_SUFFIX)
                        .header("Retry-After", "Fri, 27 Nov 2026 12:00:30 GMT")
                        .failure(RATE_LIMITED, "TooManyRequestsException")
                        .retryAfter(Duration.ofSeconds(30)),
                respond("throttled daily quota", 429, "{\"message\":\"Daily message quota exceeded.\"}")
                        .header("x-amzn-ErrorType", "TooManyRequestsException" + TYPE_SUFFIX)
                        .failure(QUOTA_EXCEEDED, false, "TooManyRequestsException")
                        .message("Daily message quota exceeded."),
                respond("ThrottlingException daily quota", 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Throttling: Daily message quota exceeded.\"}")
                        .failure(QUOTA_EXCEEDED, "ThrottlingException"),
                respond("400 LimitExceededException", 400, "{\"message\":\"Daily message quota exceeded.\"}")
                        .header("x-amzn-ErrorType", "LimitExceededException" + TYPE_SUFFIX)
                        .failure(QUOTA_EXCEEDED, "LimitExceededException"),
                respond("400 LimitExceededException without text", 400, "{\"message\":\"Limit exceeded\"}")
                        .header("x-amzn-ErrorType", "LimitExceededException" + TYPE_SUFFIX)
                        .failure(QUOTA_EXCEEDED, "LimitExceededException"),
                respond("400 AccountSuspendedException", 400, "{\"message\":\"Your account has been suspended.\"}")
                        .header("x-amzn-ErrorType", "AccountSuspendedException" + TYPE_SUFFIX)
                        .failure(ACCOUNT_BLOCKED, "AccountSuspendedException"),
                respond("400 SendingPausedException", 400, "{\"message\":\"Sending is paused for this account.\"}")
                        .header("x-amzn-ErrorType", "SendingPausedException" + TYPE_SUFFIX)
                        .failure(ACCOUNT_BLOCKED, "SendingPausedException"),
                respond("400 MailFromDomainNotVerifiedException", 400, "{\"message\":\"MAIL FROM domain bounce.example.com is not verified.\"}")
                        .header("x-amzn-ErrorType", "MailFromDomainNotVerifiedException" + TYPE_SUFFIX)
                        .failure(SENDER_NOT_AUTHORIZED, "MailFromDomainNotVerifiedException"),
                respond("400 MessageRejected unverified identity", 400,
                        "{\"message\":\"Email address is not verified. The following identities failed the check in region EU-WEST-1: alice@example.com, bob@example.org\"}")
                        .header("x-amzn-ErrorType", "MessageRejected" + TYPE_SUFFIX)
                        .failure(SENDER_NOT_AUTHORIZED, "MessageRejected")
                        .message("Email address is not verified. The following identities failed the check in region EU-WEST-1: <redacted>@example.com, <redacted>@example.org"),
                respond("400 MessageRejected content", 400, "{\"message\":\"Message rejected: the message contains a virus.\"}")
                        .header("x-amzn-ErrorType", "MessageRejected" + TYPE_SUFFIX)
                        .failure(CONTENT_REJECTED, "MessageRejected"),
                respond("404 NotFoundException", 404, "{\"message\":\"Configuration set <transactional> does not exist.\"}")
                        .header("x-amzn-ErrorType", "NotFoundException" + TYPE_SUFFIX)
                        .failure(INVALID_REQUEST, "NotFoundException")
                        .message("Configuration set <transactional> does not exist."),
                respond("400 BadRequestException", 400, "{\"message\":\"Missing required field Destination\"}")
                        .header("x-amzn-ErrorType", "BadRequestException" + TYPE_SUFFIX)
                        .failure(INVALID_REQUEST, "BadRequestException"),
                respond("403 UnrecognizedClientException in __type only", 403,
                        "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}")
                        .failure(AUTHENTICATION, "UnrecognizedClientException"),
                respond("403 InvalidSignatureException", 403, "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}")
                        .header("X-Amzn-ErrorType", "InvalidSignatureException")
                        .failure(AUTHENTICATION, "InvalidSignatureException"),
                respond("403 AccessDeniedException", 403, "{\"Message\":\"User is not authorized to perform: ses:SendEmail\"}")
                        .header("x-amzn-errortype", "AccessDeniedException" + TYPE_SUFFIX)
                        .failure(AUTHENTICATION, "AccessDeniedException")
                        .message("User is not authorized to perform: ses:SendEmail"),
                respond("v1 Query API Throttling XML", 400, "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
                        + "<Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error>"
                        + "<RequestId>a1b2c3</RequestId></ErrorResponse>")
                        .failure(RATE_LIMITED, "Throttling")
                        .message("Maximum sending rate exceeded."),
                respond("v1 AccountSendingPausedException XML", 400, "<ErrorResponse><Error><Type>Sender</Type>"
                        + "<Code>AccountSendingPausedException</Code><Message>Account sending paused</Message></Error></ErrorResponse>")
                        .failure(ACCOUNT_BLOCKED, "AccountSendingPausedException"),
                respond("v1 MailFromDomainNotVerified XML", 400, "<ErrorResponse><Error><Type>Sender</Type>"
                        + "<Code>MailFromDomainNotVerified</Code><Message>not verified</Message></Error></ErrorResponse>")
                        .failure(SENDER_NOT_AUTHORIZED, "MailFromDomainNotVerified"),
                respond("500 InternalFailure", 500, "{\"message\":\"An internal error occurred.\"}")
                        .header("x-amzn-ErrorType", "InternalFailure")
                        .failure(PROVIDER_UNAVAILABLE, "InternalFailure"),
                respond("500 InternalServiceErrorException in __type", 500, "{\"__type\":\"InternalServiceErrorException\",\"message\":\"Internal error\"}")
                        .failure(PROVIDER_UNAVAILABLE, "InternalServiceErrorException"),
                respond("500 empty body", 500, "")
                        .failure(PROVIDER_UNAVAILABLE, "500").message(null),
                respond("503 HTML page", 503, "<html><body><h1>503 Service Unavailable</h1></body></html>")
                        .failure(PROVIDER_UNAVAILABLE, "503").message(null),
                respond("400 invalid JSON", 400, "{\"message\": \"truncated")
                        .failure(INVALID_REQUEST, "400").message(null),
                respond("400 unknown error type", 400, "{\"message\":\"Something new\"}")
                        .header("x-amzn-ErrorType", "BrandNewException" + TYPE_SUFFIX)
                        .failure(INVALID_REQUEST, "BrandNewException")
                        .message("Something new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(ClassifierCase c) {
        c.assertClassifiedBy(new SesClassifier(ClassifierCase.CLOCK));
    }
}
