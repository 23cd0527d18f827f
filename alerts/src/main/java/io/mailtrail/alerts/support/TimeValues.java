package io.mailtrail.alerts.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Watcher's time values ({@code WatcherDateTimeUtils.parseTimeValue}): strings with a unit {@code ms s m h d w}
 * (case-insensitive, fractions allowed), {@code 0} or {@code -1} without a unit; numbers are only accepted in
 * the {@code *_in_millis} fields.
 */
public final class TimeValues {

    private TimeValues() {
    }

    /**
     * Millis of a time value string, or {@code null} for null.
     *
     * @throws IllegalArgumentException with Watcher's messages
     */
    public static Long parse(String value, String field) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0") || s.equals("-1")) {
            if (s.equals("-1")) {
                throw new IllegalArgumentException("failed to parse time value [" + value + "] for field [" + field + "]: negative durations are not supported");
            }
            return 0L;
        }
        long factor;
        String number;
        if (s.endsWith("ms")) {
            factor = 1;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            factor = 1000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            factor = 60_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            factor = 3_600_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("d")) {
            factor = 86_400_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("w")) {
            factor = 7 * 86_400_000L;
            number = s.substring(0, s.length() - 1);
        } else {
            throw new IllegalArgumentException("failed to parse setting [" + field + "] with value [" + value
                    + "] as a time value: unit is missing or unrecognized; failed to parse time unit");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse [" + value + "] for field [" + field + "]", e);
        }
        if (n.signum() < 0) {
            throw new IllegalArgumentException("failed to parse time value [" + value + "] for field [" + field + "]: negative durations are not supported");
        }
        return n.multiply(BigDecimal.valueOf(factor)).longValue();
    }

    /**
     * A {@code <name>} / {@code <name>_in_millis} pair of a parsed object: the string form under {@code name},
     * the number form under {@code name_in_millis}.
     */
    public static Long field(JsonNode node, String name, String context) {
        JsonNode s = node.get(name);
        JsonNode ms = node.get(name + "_in_millis");
        if (s != null && !s.isNull()) {
            if (!s.isTextual()) {
                throw WatchException.parse(context + "failed to parse field [" + name + "] as time value: expected a string like 5m, got " + Json.token(s));
            }
            try {
                return parse(s.textValue(), name);
            } catch (IllegalArgumentException e) {
                throw WatchException.parse(context + "failed to parse field [" + name + "] as time value", e);
            }
        }
        if (ms != null && !ms.isNull()) {
            if (!ms.isNumber() || ms.asLong() < 0) {
                throw WatchException.parse(context + "failed to parse field [" + name + "_in_millis]: expected a non-negative number of milliseconds");
            }
            return ms.asLong();
        }
        return null;
    }
}
