package io.mailtrail.alerts.execution;

import java.time.Instant;

/**
 * Why a watch runs now.
 *
 * @param scheduledTime the schedule's fire time ({@code ctx.trigger.scheduled_time}; windows are anchored on it)
 * @param triggeredTime when the engine noticed it ({@code ctx.trigger.triggered_time})
 */
public record TriggerEvent(Instant scheduledTime, Instant triggeredTime) {

    /** A manual run as of {@code at}: scheduled = triggered = at. */
    public static TriggerEvent at(Instant at) {
        return new TriggerEvent(at, at);
    }
}
