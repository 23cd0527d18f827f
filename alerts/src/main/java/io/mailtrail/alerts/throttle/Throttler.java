package io.mailtrail.alerts.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Watcher's action throttler: the period throttler (throttled while {@code now - last successful execution
 * <= period}, inclusive), then the ack throttler.
 */
public final class Throttler {

    /** Watcher's default throttle period ({@code xpack.watcher.execution.default_throttle_period}). */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private Throttler() {
    }

    /**
     * Whether the action is throttled now, and how: {@link ActionOutcome#THROTTLED}, {@link ActionOutcome#ACKNOWLEDGED}
     * or empty (it may run).
     */
    public static Optional<ActionOutcome> check(ActionStatus status, Duration period, Instant now) {
        Optional<Instant> last = status.lastSuccessfulExecution();
        if (last.isPresent() && now.toEpochMilli() - last.get().toEpochMilli() <= period.toMillis()) {
            return Optional.of(ActionOutcome.THROTTLED);
        }
        if (status.ackState() == AckState.ACKED) {
            return Optional.of(ActionOutcome.ACKNOWLEDGED);
        }
        return Optional.empty();
    }
}
