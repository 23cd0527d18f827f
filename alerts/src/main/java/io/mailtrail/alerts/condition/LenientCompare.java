package io.mailtrail.alerts.condition;

import io.mailtrail.alerts.support.DateMath;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Watcher's {@code LenientCompare}: the type of the configured value decides how the payload value is read.
 * Returns a negative, zero or positive number, or {@code null} when the values are incomparable.
 */
final class LenientCompare {

    private LenientCompare() {
    }

    static Integer compare(Object payload, Object configured) {
        if (Objects.equals(payload, configured)) {
            return 0;
        }
        if (payload == null || configured == null || isNaN(payload) || isNaN(configured)) {
            return null;
        }
        if (configured instanceof Number c) {
            double v;
            if (payload instanceof Number p) {
                v = p.doubleValue();
            } else {
                try {
                    v = Double.valueOf(String.valueOf(payload));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            double w = c.doubleValue();
            return v > w ? 1 : (v < w ? -1 : 0);
        }
        if (configured instanceof String c) {
            return String.valueOf(payload).compareTo(c);
        }
        if (configured instanceof ZonedDateTime c) {
            Instant v;
            if (payload instanceof Number p) {
                v = Instant.ofEpochMilli(p.longValue());
            } else if (payload instanceof String s) {
                try {
                    v = DateMath.parseDate(s);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            } else if (payload instanceof ZonedDateTime z) {
                v = z.toInstant();
            } else {
                return null;
            }
            return v.compareTo(c.toInstant());
        }
        return null;
    }

    private static boolean isNaN(Object v) {
        return (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN());
    }
}
