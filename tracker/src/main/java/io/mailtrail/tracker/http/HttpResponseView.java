package io.mailtrail.tracker.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** PLACEHOLDER of the tracker-api contract type; replaced by the providers helper's at merge. */
public record HttpResponseView(int status, Map<String, List<String>> headers, String body) {
    public HttpResponseView {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> { if (k != null) copy.put(k, List.copyOf(v)); });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
