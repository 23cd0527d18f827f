package io.mailtrail.tracker.http;

import static io.mailtrail.schema.ErrorCategory.AUTHENTICATION;
import static io.mailtrail.schema.ErrorCategory.INVALID_REQUEST;
import static io.mailtrail.schema.ErrorCategory.PAYLOAD_TOO_LARGE;
import static io.mailtrail.schema.ErrorCategory.PROVIDER_UNAVAILABLE;
import static io.mailtrail.schema.ErrorCategory.QUOTA_EXCEEDED;
import static io.mailtrail.schema.ErrorCategory.RATE_LIMITED;
import static io.mailtrail.schema.ErrorCategory.SENDER_NOT_AUTHORIZED;
import static io.mailtrail.tracker.http.ClassifierCase.NOW;
import static io.mailtrail.tracker.http.ClassifierCase.respond;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SendgridClassifierTest {

    private static final String NGINX_413 = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n"
            + "<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    static Stream<ClassifierCase> cases() {
        String resetIn42s = Long.toString(NOW.getEpochSecond() + 42);
        return Stream.of(
                respond("202 accepted", 202, "")
                        .header("X-Message-Id", "W86EgYT6SQKk0lRflfLRsA")
                        .header("X-RateLimit-Limit", "600")
                        .header("X-RateLimit-Remaining", "599")
                        .header("X-RateLimit-Reset", resetIn42s)
                        .success("W86EgYT6SQKk0lRflfLRsA").remaining(599),
                respond("202 lower-case header names", 202, null)
                        .header("x-message-id", "Qm9nP3xLR2uS1tYzA8dWfg")
                        .success("Qm9nP3xLR2uS1tYzA8dWfg"),
                respond("400 validation", 400, "{\"errors\":[{\"message\":\"The from email does not contain a valid address.\","
                        + "\"field\":\"from.email\",\"help\":\"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from\"}]}")
                        .failure(INVALID_REQUEST, "400")
                        .message("from.email: The from email does not contain a valid address."),
                respond("400 two errors", 400, "{\"errors\":[{\"message\":\"The subject is required.\",\"field\":\"subject\"},"
                        + "{\"message\":\"The content value must be a string at least one character in length.\",\"field\":\"content.0.value\"}]}")
                        .failure(INVALID_REQUEST, "400")
                        .message("subject: The subject is required.; content.0.value: The content value must be a string at least one character in length."),
                respond("401 bad key", 401, "{\"errors\":[{\"field\":null,\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}")
                        .failure(AUTHENTICATION, "401")
                        .message("The provided authorization grant is invalid, expired, or revoked"),
                respond("401 credits exhausted", 401, "{\"errors\":[{\"field\":null,\"message\":\"Maximum credits exceeded\"}]}")
                        .failure(QUOTA_EXCEEDED, "401"),
                respond("403 unverified sender identity", 403, "{\"errors\":[{\"message\":\"The from address does not match a verified "
                        + "Sender Identity. Mail cannot be sent until this error is resolved.\",\"field\":\"from\",\"help\":null}]}")
                        .failure(SENDER_NOT_AUTHORIZED, "403"),
                respond("403 access forbidden", 403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}")
                        .failure(AUTHENTICATION, "403").message("access forbidden"),
                respond("406 missing Accept", 406, "{\"errors\":[{\"field\":null,\"message\":\"Not acceptable\"}]}")
                        .failure(INVALID_REQUEST, "406"),
                respond("413 nginx HTML page", 413, NGINX_413)
                        .header("Content-Type", "text/html")
                        .failure(PAYLOAD_TOO_LARGE, "413").message(null),
                respond("429 with reset", 429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                        .header("X-RateLimit-Limit", "600")
                        .header("X-RateLimit-Remaining", "0")
                        .header("X-RateLimit-Reset", resetIn42s)
                        .failure(RATE_LIMITED, "429").message("too many requests")
                        .retryAfter(Duration.ofSeconds(42)).remaining(0),
                respond("429 reset already past", 429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                        .header("X-RateLimit-Remaining", "0")
                        .header("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() - 5))
                        .failure(RATE_LIMITED, "429").retryAfter(Duration.ZERO).remaining(0),
                respond("429 Retry-After wins over reset", 429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                        .header("Retry-After", "3")
                        .header("X-RateLimit-Reset", resetIn42s)
                        .failure(RATE_LIMITED, "429").retryAfter(Duration.ofSeconds(3)),
                respond("429 garbage headers", 429, "")
                        .header("X-RateLimit-Remaining", "lots")
                        .header("X-RateLimit-Reset", "soon")
                        .failure(RATE_LIMITED, "429"),
                respond("500", 500, "{\"errors\":[{\"field\":null,\"message\":\"An internal server error occurred.\"}]}")
                        .failure(PROVIDER_UNAVAILABLE, "500"),
                respond("502 empty", 502, "").failure(PROVIDER_UNAVAILABLE, "502"),
                respond("503 plain text", 503, "Service Unavailable")
                        .failure(PROVIDER_UNAVAILABLE, "503").message("Service Unavailable"),
                respond("400 not JSON", 400, "Bad Request\r\nInjected: line")
                        .failure(INVALID_REQUEST, "400").message("Bad Request Injected: line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(ClassifierCase c) {
        c.assertClassifiedBy(new SendgridClassifier(ClassifierCase.CLOCK));
    }
}
