package io.mailtrail.tracker.httpcall;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.ExceptionClassifier;
import io.mailtrail.tracker.http.HttpCallResult;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * Classifies an HTTP email API call: a returned response through the provider's
 * {@link ProviderResponseClassifier}, an exception by its network type. Immutable and thread-safe.
 *
 * @param <T> the HTTP client's response type
 */
public final class HttpCallClassifier<T> implements CallClassifier<T> {

    private final ProviderResponseClassifier provider;
    private final Function<? super T, HttpResponseView> view;
    private final Function<? super T, Endpoint> endpointOfResponse;
    private final Endpoint endpoint;

    HttpCallClassifier(ProviderResponseClassifier provider, Function<? super T, HttpResponseView> view,
            Function<? super T, Endpoint> endpointOfResponse, Endpoint endpoint) {
        this.provider = Objects.requireNonNull(provider, "provider classifier");
        this.view = Objects.requireNonNull(view, "response view");
        this.endpointOfResponse = endpointOfResponse;
        this.endpoint = endpoint;
    }

    @Override
    public AttemptResult classifyResult(T response) {
        HttpResponseView v = view.apply(response);
        HttpCallResult c = provider.classify(v);
        AttemptResult.Builder b = start(c)
                .httpStatus(v.status())
                .messageId(c.messageId())
                .errorCode(c.errorCode())
                .errorMessage(c.errorMessage())
                .retryAfter(c.retryAfter())
                .rateLimitRemaining(c.rateLimitRemaining());
        Endpoint e = endpointOfResponse.apply(response);
        return withEndpoint(b, e != null ? e : endpoint).build();
    }

    @Override
    public AttemptResult classifyError(Throwable error) {
        return withEndpoint(ExceptionClassifier.classify(error), endpoint).build();
    }

    private static AttemptResult.Builder start(HttpCallResult c) {
        ErrorCategory category = c.errorCategory() != null ? c.errorCategory() : ErrorCategory.UNKNOWN;
        Outcome outcome = c.outcome() != null ? c.outcome() : Outcome.UNKNOWN;
        return switch (outcome) {
            case SUCCESS -> AttemptResult.success();
            case FAILURE -> AttemptResult.failure(category).retryable(c.retryable());
            case UNKNOWN -> AttemptResult.unknown(category).retryable(c.retryable());
        };
    }

    private static AttemptResult.Builder withEndpoint(AttemptResult.Builder b, Endpoint e) {
        if (e == null || e.uri() == null) {
            return b;
        }
        URI uri = e.uri();
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return b.httpRequest(e.method(), uri.getHost(), uri.getRawPath()).server(uri.getHost(), port);
    }

    /** The request an HTTP call made: method and URI (the query string is never logged). */
    public record Endpoint(String method, URI uri) {
    }
}
