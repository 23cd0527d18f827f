package io.mailtrail.tracker.trace;

import java.util.Locale;

/** W3C trace-context id checks. */
final class TraceIds {

    private TraceIds() {
    }

    /** The id lowercased without dashes if it is {@code length} hex digits and not all zero, else null. */
    static String normalise(String id, int length) {
        if (id == null) {
            return null;
        }
        String s = id.trim().replace("-", "").toLowerCase(Locale.ROOT);
        if (s.length() != length) {
            return null;
        }
        boolean nonZero = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex) {
                return null;
            }
            nonZero |= c != '0';
        }
        return nonZero ? s : null;
    }
}
