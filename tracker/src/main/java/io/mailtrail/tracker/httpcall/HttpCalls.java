package io.mailtrail.tracker.httpcall;

import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * Classifiers for calls to an HTTP email API, built on the provider classifiers of
 * {@link io.mailtrail.tracker.http.HttpProviders}: HTTP status, provider message id and error code,
 * rate-limit headers. No HTTP client is required: pass a function that shows your client's response as an
 * {@link HttpResponseView}, or use {@link #jdk} for the JDK's {@code HttpClient}.
 */
public final class HttpCalls {

    private HttpCalls() {
    }

    /** For {@code java.net.http.HttpClient} with a {@code String} body; method, host and path come from the request. */
    public static CallClassifier<HttpResponse<String>> jdk(ProviderResponseClassifier provider) {
        return new HttpCallClassifier<>(provider,
                HttpResponseView::of,
                r -> r.request() == null ? null : new HttpCallClassifier.Endpoint(r.request().method(), r.request().uri()),
                null);
    }

    /** For any client: {@code view} turns its response into what the provider classifier reads. */
    public static <T> HttpCallClassifier<T> of(ProviderResponseClassifier provider, Function<? super T, HttpResponseView> view) {
        return new HttpCallClassifier<>(provider, view, r -> null, null);
    }

    /** As {@link #of}, recording the request's method, host, port and path (never its query string). */
    public static <T> HttpCallClassifier<T> of(ProviderResponseClassifier provider, Function<? super T, HttpResponseView> view,
            String method, URI uri) {
        HttpCallClassifier.Endpoint endpoint = new HttpCallClassifier.Endpoint(method, uri);
        return new HttpCallClassifier<>(provider, view, r -> endpoint, endpoint);
    }
}
