package io.mailtrail.tracker.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a classifier needs of an HTTP response. Adapters build it from any client's response type; the JDK
 * {@link HttpResponse} has {@link #of(HttpResponse)}.
 *
 * @param status  the HTTP status code
 * @param headers the response headers, as an immutable map whose keys compare case-insensitively, because
 *                HTTP header names are case-insensitive and clients disagree on their spelling: a copy of the
 *                given map, except the JDK's {@link HttpHeaders} ({@link #of(int, HttpHeaders, String)}), which
 *                already are such a map
 * @param body    the response body as text, or null when there was none or it was not read
 */
public record HttpResponseView(int status, Map<String, List<String>> headers, String body) {

    public HttpResponseView {
        if (!(headers instanceof JdkHeaders)) {
            headers = headers == null || headers.isEmpty() ? Map.of() : freeze(headers);
        }
    }

    /** A view of a JDK HTTP client response whose body was read as a string. */
    public static HttpResponseView of(HttpResponse<String> response) {
        return of(response.statusCode(), response.headers(), response.body());
    }

    /**
     * A view of a response whose headers are the JDK's {@link HttpHeaders}: they are used as they are, without
     * a copy, because that class already is what {@link #headers()} promises (immutable, no null names or
     * values, names merged and looked up without regard to case).
     */
    public static HttpResponseView of(int status, HttpHeaders headers, String body) {
        return new HttpResponseView(status, headers == null ? null : new JdkHeaders(headers.map()), body);
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

    /**
     * A plain loop rather than streams: this runs on every tracked HTTP call, and clients' value lists are
     * often immutable and null-free already, which {@link List#copyOf} returns as they are.
     */
    private static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            List<String> values = header.getValue();
            // HTTP/1.1 status lines show up as a null-named header in HttpURLConnection's map
            if (name == null || values == null) {
                continue;
            }
            List<String> clean = withoutNulls(values);
            List<String> before = copy.putIfAbsent(name, clean);
            if (before != null) {
                copy.put(name, concat(before, clean));
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The map of a JDK {@link HttpHeaders}; a type of its own so that the constructor knows not to copy it. */
    private static final class JdkHeaders extends AbstractMap<String, List<String>> {
        private final Map<String, List<String>> map;

        JdkHeaders(Map<String, List<String>> map) {
            this.map = map;
        }

        @Override
        public List<String> get(Object name) {
            return map.get(name);
        }

        @Override
        public boolean containsKey(Object name) {
            return map.containsKey(name);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Map.Entry<String, List<String>>> entrySet() {
            return map.entrySet();
        }
    }

    private static List<String> withoutNulls(List<String> values) {
        for (String value : values) {   // not contains(null): immutable lists throw on it
            if (value == null) {
                List<String> kept = new ArrayList<>(values.size());
                for (String v : values) {
                    if (v != null) {
                        kept.add(v);
                    }
                }
                return List.copyOf(kept);
            }
        }
        return List.copyOf(values);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
