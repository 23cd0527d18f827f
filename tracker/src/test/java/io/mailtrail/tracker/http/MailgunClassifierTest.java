package io.mailtrail.tracker.http;

import static io.mailtrail.schema.ErrorCategory.AUTHENTICATION;
import static io.mailtrail.schema.ErrorCategory.INVALID_REQUEST;
import static io.mailtrail.schema.ErrorCategory.PAYLOAD_TOO_LARGE;
import static io.mailtrail.schema.ErrorCategory.PROVIDER_UNAVAILABLE;
import static io.mailtrail.schema.ErrorCategory.RATE_LIMITED;
import static io.mailtrail.schema.ErrorCategory.SENDER_NOT_AUTHORIZED;
import static io.mailtrail.schema.ErrorCategory.UNKNOWN;
import static io.mailtrail.tracker.http.ClassifierCase.respond;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MailgunClassifierTest {

    static Stream<ClassifierCase> cases() {
        return Stream.of(
                respond("200 queued", 200, "{\"id\":\"<20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
                        .success("20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com"),
                respond("400 missing parameter", 400, "{\"message\":\"'from' parameter is missing\"}")
                        .failure(INVALID_REQUEST, "400").message("'from' parameter is missing"),
                respond("400 sandbox domain", 400, "{\"message\":\"Sandbox subdomains are for test purposes only. Please add your own domain "
                        + "or add the address to authorized recipients in Account Settings.\"}")
                        .failure(SENDER_NOT_AUTHORIZED, "400"),
                respond("400 not allowed to send", 400, "{\"message\":\"Domain mg.example.com is not allowed to send: "
                        + "Free accounts are for test purposes only.\"}")
                        .failure(SENDER_NOT_AUTHORIZED, "400"),
                respond("401 plain Forbidden", 401, "Forbidden")
                        .failure(AUTHENTICATION, "401").message("Forbidden"),
                respond("403 access denied", 403, "{\"message\":\"Invalid private key\"}")
                        .failure(AUTHENTICATION, "403"),
                respond("402 request failed", 402, "{\"message\":\"Request failed\"}")
                        .failure(UNKNOWN, false, "402"),
                respond("404 domain not found", 404, "{\"message\":\"Domain not found: mg.example.com\"}")
                        .failure(INVALID_REQUEST, "404").message("Domain not found: mg.example.com"),
                respond("413 too large", 413, "{\"message\":\"request size exceeds 52.4MiB limit\"}")
                        .failure(PAYLOAD_TOO_LARGE, "413"),
                respond("429 try again after date", 429, "{\"message\":\"Domain mg.example.com is not allowed to send large batches: "
                        + "recipient limit exceeded, try again after Fri, 27 Nov 2026 12:01:00 UTC\"}")
                        .failure(RATE_LIMITED, "429").retryAfter(Duration.ofSeconds(60)),
                respond("429 Retry-After header", 429, "{\"message\":\"Too many requests\"}")
                        .header("Retry-After", "10")
                        .failure(RATE_LIMITED, "429").retryAfter(Duration.ofSeconds(10)),
                respond("429 no hint", 429, "{\"message\":\"Too many requests\"}")
                        .failure(RATE_LIMITED, "429"),
                respond("500", 500, "{\"message\":\"Internal server error\"}").failure(PROVIDER_UNAVAILABLE, "500"),
                respond("502 HTML", 502, "<html><head><title>502 Bad Gateway</title></head></html>")
                        .failure(PROVIDER_UNAVAILABLE, "502").message(null),
                respond("503", 503, "").failure(PROVIDER_UNAVAILABLE, "503"),
                respond("504", 504, null).failure(PROVIDER_UNAVAILABLE, "504"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(ClassifierCase c) {
        c.assertClassifiedBy(new MailgunClassifier(ClassifierCase.CLOCK));
    }
}
