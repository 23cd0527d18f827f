package io.mailtrail.tracker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.ErrorCategory;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What every built-in classifier shares: JSON reading, the status fallback and "never throw". */
abstract class AbstractClassifier implements ProviderResponseClassifier {

    private final String provider;
    final Clock clock;

    AbstractClassifier(String provider, Clock clock) {
        this.provider = provider;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final HttpCallResult classify(HttpResponseView response) {
        Objects.requireNonNull(response, "response");
        Optional<JsonNode> json = JsonBodies.parse(response.body());
        try {
            return classify(response, json.orElse(null));
        } catch (RuntimeException e) {
            // A body shaped in a way no provider documents must not break the caller's send path; the status
            // still tells whether the provider accepted the message.
            return response.isSuccess() ? success(response, null) : fromStatus(response, null);
        }
    }

    /** Classifies with the body already parsed ({@code json} null when the body is not JSON). */
    abstract HttpCallResult classify(HttpResponseView response, JsonNode json);

    /** Requests left in the current window, per the provider's headers; null when it does not say. */
    Long rateLimitRemaining(HttpResponseView response) {
        return null;
    }

    /** The wait the provider asks for: {@code Retry-After} first, then {@link #providerWait(HttpResponseView)}. */
    final Duration retryAfter(HttpResponseView response) {
        Duration retryAfter = RateLimitHeaders.retryAfter(response, clock);
        return retryAfter != null ? retryAfter : providerWait(response);
    }

    /** The wait a provider signals its own way (reset headers, text) when there is no {@code Retry-After}. */
    Duration providerWait(HttpResponseView response) {
        return null;
    }

    /** The error message: a JSON body's {@code field}, or a plain-text body; null for HTML or nothing. */
    static String message(HttpResponseView response, JsonNode json, String field) {
        return json != null ? JsonBodies.text(json, field) : plainTextBody(response);
    }

    /** A failure classified from the status alone, with the given (uncleaned) message. */
    HttpCallResult fromStatus(HttpResponseView response, String message) {
        ErrorCategory category = response.isSuccess() ? ErrorCategory.UNKNOWN : StatusCategories.of(response.status());
        return failure(response, category, null, message);
    }

    /** A failure of {@code category}; {@code code} null means "use the status". */
    HttpCallResult failure(HttpResponseView response, ErrorCategory category, String code, String message) {
        return HttpCallResult.failure(category, code == null ? Integer.toString(response.status()) : code,
                ProviderText.clean(message), retryAfter(response), rateLimitRemaining(response));
    }

    HttpCallResult success(HttpResponseView response, String rawMessageId) {
        return HttpCallResult.success(ProviderText.normaliseMessageId(rawMessageId), rateLimitRemaining(response));
    }

    /** The body as text worth keeping as a message when it is not JSON (plain text; HTML pages are dropped). */
    static String plainTextBody(HttpResponseView response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return null;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("<") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return null;
        }
        return trimmed;
    }

    static boolean containsIgnoreCase(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
