package io.mailtrail.alerts.support;

import com.fasterxml.jackson.databind.JsonNode;

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
     * Millis of a time value string, or {@code null} for null. As Watcher: the number is parsed as a double,
     * multiplied by the unit's factors in double arithmetic and truncated to a long ({@code "12.001w"} is
     * 7258204799 ms); negative values and missing units fail with {@code failed to parse time unit} and the reason
     * as cause.
     *
     * @throws IllegalArgumentException with Watcher's messages
     */
    public static Long parse(String value, String field) {
        if (value == null) {
            return null;
        }
        long millis;
        try {
            millis = fractional(value, field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse time unit", e);
        }
        if (millis < 0) {
            throw new IllegalArgumentException("failed to parse time unit",
                    new IllegalArgumentException("could not parse time value [" + value + "]. Time value cannot be negative."));
        }
        return millis;
    }

    /** Each unit's factors multiplied one by one, as Watcher writes them: {@code x * 60 * 1000} and {@code x * 60000} can round differently in double. */
    private static long fractional(String value, String field) {
        String s = value.toLowerCase(Locale.ROOT).trim();
        try {
            if (s.endsWith("ms")) {
                return (long) Double.parseDouble(s.substring(0, s.length() - 2));
            } else if (s.endsWith("s")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
            } else if (s.endsWith("m")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 60 * 1000);
            } else if (s.endsWith("h")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 60 * 60 * 1000);
            } else if (s.endsWith("d")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 24 * 60 * 60 * 1000);
            } else if (s.endsWith("w")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 7 * 24 * 60 * 60 * 1000);
            } else if (s.equals("-1")) {
                return -1;
            } else if (s.equals("0")) {
                return 0;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse [" + value + "] for field [" + field + "]", e);
        }
        throw new IllegalArgumentException("failed to parse setting [" + field + "] with value [" + value
                + "] as a time value: unit is missing or unrecognized");
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
