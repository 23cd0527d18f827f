package io.mailtrail.logback;

import java.util.Locale;

/** What the appender does with a new event when its memory queue is full. */
public enum OverflowPolicy {
    /** Discard the new event (and count it). Never waits: the default without a spool. */
    DROP_NEWEST("dropNewest"),
    /** Discard the oldest queued event (and count it) to make room for the new one. Never waits. */
    DROP_OLDEST("dropOldest"),
    /** Wait up to {@code maxBlockMillis} for room, then discard the new event (and count it): the default with a spool. */
    BLOCK("block");

    private final String configName;

    OverflowPolicy(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code logback.xml}, e.g. {@code dropNewest}. */
    public String configName() {
        return configName;
    }

    /** Parses a {@code logback.xml} value (case-insensitive); null when unknown. */
    static OverflowPolicy parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        for (OverflowPolicy p : values()) {
            if (p.configName.toLowerCase(Locale.ROOT).equals(v)) {
                return p;
            }
        }
        return null;
    }
}
