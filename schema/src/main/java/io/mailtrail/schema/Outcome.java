package io.mailtrail.schema;

import java.util.Locale;

/** ECS {@code event.outcome}: the only three values ECS allows. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    /** The attempt was made but its result is not known (e.g. a read timeout after the request was sent). */
    UNKNOWN;

    /** Computed once: {@link #value()} runs on every tracked call. */
    private final String value = name().toLowerCase(Locale.ROOT);

    /** The value written into {@code event.outcome}. */
    public String value() {
        return value;
    }
}
