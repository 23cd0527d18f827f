package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a classification table: a provider response and every field of the expected result. */
final class ClassifierCase {

    /** The fixed "now" of every table, so HTTP-dates and epoch resets give exact waits. */
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final String name;
    private final int status;
    private final String body;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private Outcome outcome = Outcome.FAILURE;
    private String messageId;
    private ErrorCategory category;
    private boolean retryable;
    private String code;
    private String message;
    private boolean checkMessage;
    private Duration retryAfter;
    private Long remaining;

    private ClassifierCase(String name, int status, String body) {
        this.name = name;
        this.status = status;
        this.body = body;
    }

    static ClassifierCase respond(String name, int status, String body) {
        return new ClassifierCase(name, status, body);
    }

    ClassifierCase header(String header, String value) {
        headers.computeIfAbsent(header, h -> new ArrayList<>()).add(value);
        return this;
    }

    ClassifierCase success(String expectedMessageId) {
        outcome = Outcome.SUCCESS;
        messageId = expectedMessageId;
        return this;
    }

    /** A failure whose retryability is the category's default. */
    ClassifierCase failure(ErrorCategory expectedCategory, String expectedCode) {
        return failure(expectedCategory, expectedCategory.retryableByDefault(), expectedCode);
    }

    ClassifierCase failure(ErrorCategory expectedCategory, boolean expectedRetryable, String expectedCode) {
        outcome = Outcome.FAILURE;
        category = expectedCategory;
        retryable = expectedRetryable;
        code = expectedCode;
        return this;
    }

    ClassifierCase message(String expected) {
        message = expected;
        checkMessage = true;
        return this;
    }

    ClassifierCase retryAfter(Duration expected) {
        retryAfter = expected;
        return this;
    }

    ClassifierCase remaining(long expected) {
        remaining = expected;
        return this;
    }

    HttpResponseView response() {
        return new HttpResponseView(status, headers, body);
    }

    void assertClassifiedBy(ProviderResponseClassifier classifier) {
        HttpCallResult result = classifier.classify(response());
        assertThat(result.outcome()).as("outcome").isEqualTo(outcome);
        assertThat(result.messageId()).as("messageId").isEqualTo(messageId);
        assertThat(result.errorCategory()).as("errorCategory").isEqualTo(category);
        assertThat(result.retryable()).as("retryable").isEqualTo(retryable);
        assertThat(result.errorCode()).as("errorCode").isEqualTo(code);
        if (checkMessage) {
            assertThat(result.errorMessage()).as("errorMessage").isEqualTo(message);
        }
        if (outcome == Outcome.SUCCESS) {
            assertThat(result.errorMessage()).as("errorMessage").isNull();
        }
        assertThat(result.retryAfter()).as("retryAfter").isEqualTo(retryAfter);
        assertThat(result.rateLimitRemaining()).as("rateLimitRemaining").isEqualTo(remaining);
    }

    @Override
    public String toString() {
        return name;
    }
}
