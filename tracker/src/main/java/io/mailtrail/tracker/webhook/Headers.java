package io.mailtrail.tracker.webhook;

import java.util.List;
import java.util.Map;

/** Case-insensitive header lookup in whatever map a web framework gives. */
final class Headers {

    private Headers() {
    }

    /** The first value of header {@code name}, trimmed, or null. */
    static String first(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                String v = e.getValue().get(0);
                return v == null ? null : v.trim();
            }
        }
        return null;
    }
}
