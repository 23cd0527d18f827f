package io.mailtrail.alerts.throttle;

import java.util.Locale;

/** What became of an action in one execution (Watcher's action result status). */
public enum ActionOutcome {
    /** Ran successfully (the email was sent). */
    EXECUTED,
    /** Skipped: ran successfully within the throttle period. */
    THROTTLED,
    /** Skipped: acknowledged. */
    ACKNOWLEDGED,
    /** Skipped: the action's own condition was not met. */
    CONDITION_FAILED,
    /** Ran and failed (e.g. the SMTP server was unreachable). */
    FAILURE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
