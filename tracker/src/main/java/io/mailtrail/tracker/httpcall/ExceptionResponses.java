package io.mailtrail.tracker.httpcall;

import io.mailtrail.tracker.http.HttpResponseView;

import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the provider's HTTP response inside an exception, for SDKs that throw on a 4xx/5xx instead of
 * returning it (the response is then in a field of the exception, or only in its message). Give one to
 * {@link HttpCallClassifier#withExceptionResponses(ExceptionResponses)} and such failures are classified from
 * the provider's answer — {@code rate_limited}, {@code authentication}, {@code recipient_suppressed}... — not as
 * {@code unknown}.
 *
 * <pre>{@code
 * CallClassifier<ApiResult> classifier = HttpCalls.of(HttpProviders.postmark(), MyAdapter::view)
 *         .withExceptionResponses(ExceptionResponses.of(ApiException.class,
 *                 e -> new HttpResponseView(e.getCode(), e.getResponseHeaders(), e.getResponseBody())));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should return null rather than throw for an exception they do
 * not understand (a throwing one is treated as returning null).
 */
@FunctionalInterface
public interface ExceptionResponses {

    /** How deep the cause chain is searched. */
    int MAX_CAUSES = 16;

    /** The response {@code error} itself carries, or null (causes are searched by {@link #find}). */
    HttpResponseView responseOf(Throwable error);

    /** The first response found in {@code error} or its causes, or null. Never throws. */
    default HttpResponseView find(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            try {
                HttpResponseView v = responseOf(t);
                if (v != null) {
                    return v;
                }
            } catch (RuntimeException ignored) {
                // an extractor that fails on an exception it did not expect: treat as "no response here"
            }
        }
        return null;
    }

    /** This one, then {@code other} for the exceptions this one finds nothing in. */
    default ExceptionResponses orElse(ExceptionResponses other) {
        Objects.requireNonNull(other, "other");
        return t -> {
            HttpResponseView v = responseOf(t);
            return v != null ? v : other.responseOf(t);
        };
    }

    /** Finds nothing. */
    static ExceptionResponses none() {
        return t -> null;
    }

    /** Reads the response out of exceptions of {@code type} (and its subclasses) with {@code view}. */
    static <X extends Throwable> ExceptionResponses of(Class<X> type, Function<? super X, HttpResponseView> view) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(view, "view");
        return t -> type.isInstance(t) ? view.apply(type.cast(t)) : null;
    }
}
