package io.mailtrail.alerts.throttle;

import java.util.Locale;

/** Watcher's acknowledgement states of an action. */
public enum AckState {
    /** Not run successfully since the condition was last false: an ack would do nothing. */
    AWAITS_SUCCESSFUL_EXECUTION,
    /** Ran successfully: can be acknowledged. */
    ACKABLE,
    /** Acknowledged: the action does not run until the watch condition is false once. */
    ACKED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AckState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
