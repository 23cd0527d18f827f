package io.mailtrail.tracker.http;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a classifier needs of an HTTP response. Adapters build it from any client's response type; the JDK
 * {@link HttpResponse} has {@link #of(HttpResponse)}.
 *
 * @param status  the HTTP status code
 * @param headers the response headers; copied into an immutable map whose keys compare case-insensitively,
 *                because HTTP header names are case-insensitive and clients disagree on their spelling
 * @param body    the response body as text, or null when there was none or it was not read
 */
public record HttpResponseView(int status, Map<String, List<String>> headers, String body) {

    public HttpResponseView {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                // HTTP/1.1 status lines show up as a null-named header in HttpURLConnection's map
                if (name != null && values != null) {
                    copy.merge(name, values.stream().filter(Objects::nonNull).toList(), HttpResponseView::concat);
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A view of a JDK HTTP client response whose body was read as a string. */
    public static HttpResponseView of(HttpResponse<String> response) {
        return new HttpResponseView(response.statusCode(), response.headers().map(), response.body());
    }

    /** The first value of a header, looked up case-insensitively; empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
