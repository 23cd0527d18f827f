package io.mailtrail.tracker.httpcall;

import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /**
     * For {@code java.net.http.HttpClient}, any body type: a {@code String} body is read as it is, a
     * {@code byte[]} body as UTF-8, other bodies (streams, files, discarded) are not read — status and headers
     * still classify. Method, host, port and path come from the response's request; when no response came back
     * (connection refused, timeout) nothing is known of the request: use {@link #jdk(ProviderResponseClassifier, HttpRequest)}.
     */
    public static <B> HttpCallClassifier<HttpResponse<B>> jdk(ProviderResponseClassifier provider) {
        return new HttpCallClassifier<>(provider,
                HttpCalls::view,
                r -> r.request() == null ? null : new HttpCallClassifier.Endpoint(r.request().method(), r.request().uri()),
                null);
    }

    /**
     * As {@link #jdk(ProviderResponseClassifier)}, knowing the request: its method, host, port and path are
     * recorded also when no response came back (connection refused, DNS failure, timeout). Never its query string.
     */
    public static <B> HttpCallClassifier<HttpResponse<B>> jdk(ProviderResponseClassifier provider, HttpRequest request) {
        HttpCallClassifier.Endpoint sent = request == null ? null : new HttpCallClassifier.Endpoint(request.method(), request.uri());
        return new HttpCallClassifier<>(provider,
                HttpCalls::view,
                r -> r.request() == null ? sent : new HttpCallClassifier.Endpoint(r.request().method(), r.request().uri()),
                sent);
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

    private static HttpResponseView view(HttpResponse<?> response) {
        Object body = response.body();
        String text = body instanceof String s ? s : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
        return HttpResponseView.of(response.statusCode(), response.headers(), text);
    }
}
