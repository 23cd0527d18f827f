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
 * {@link ProviderResponseClassifier}, an exception by its network type — or, when the exception carries the
 * provider's HTTP response (an SDK that throws on 4xx/5xx), from that response: see
 * {@link #withExceptionResponses(ExceptionResponses)}. Immutable and thread-safe.
 *
 * @param <T> the HTTP client's response type
 */
public final class HttpCallClassifier<T> implements CallClassifier<T> {

    private final ProviderResponseClassifier provider;
    private final Function<? super T, HttpResponseView> view;
    private final Function<? super T, Endpoint> endpointOfResponse;
    private final Endpoint endpoint;
    private final ExceptionResponses exceptionResponses;

    HttpCallClassifier(ProviderResponseClassifier provider, Function<? super T, HttpResponseView> view,
            Function<? super T, Endpoint> endpointOfResponse, Endpoint endpoint) {
        this(provider, view, endpointOfResponse, endpoint, ExceptionResponses.none());
    }

    private HttpCallClassifier(ProviderResponseClassifier provider, Function<? super T, HttpResponseView> view,
            Function<? super T, Endpoint> endpointOfResponse, Endpoint endpoint, ExceptionResponses exceptionResponses) {
        this.provider = Objects.requireNonNull(provider, "provider classifier");
        this.view = Objects.requireNonNull(view, "response view");
        this.endpointOfResponse = endpointOfResponse;
        this.endpoint = endpoint;
        this.exceptionResponses = Objects.requireNonNull(exceptionResponses, "exceptionResponses");
    }

    /**
     * This classifier, also reading the provider's HTTP response out of exceptions that carry one: an exception
     * (or one of its causes) for which {@code responses} gives a view is classified from that response — status,
     * provider error code, message id, rate-limit headers — exactly as a returned response would be, instead of
     * as an {@code unknown} exception. Added to the ones given before.
     */
    public HttpCallClassifier<T> withExceptionResponses(ExceptionResponses responses) {
        return new HttpCallClassifier<>(provider, view, endpointOfResponse, endpoint,
                exceptionResponses.orElse(Objects.requireNonNull(responses, "responses")));
    }

    @Override
    public AttemptResult classifyResult(T response) {
        Endpoint e = endpointOfResponse.apply(response);
        return classifyView(view.apply(response), e != null ? e : endpoint);
    }

    private AttemptResult classifyView(HttpResponseView v, Endpoint e) {
        HttpCallResult c = provider.classify(v);
        AttemptResult.Builder b = start(c)
                .httpStatus(v.status())
                .messageId(c.messageId())
                .errorCode(c.errorCode())
                .errorMessage(c.errorMessage())
                .retryAfter(c.retryAfter())
                .rateLimitRemaining(c.rateLimitRemaining());
        return withEndpoint(b, e).build();
    }

    @Override
    public AttemptResult classifyError(Throwable error) {
        HttpResponseView carried = exceptionResponses.find(error);
        if (carried != null) {
            return classifyView(carried, endpoint);
        }
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
