package io.mailtrail.alerts.throttle;

import java.time.Instant;
import java.util.Optional;

/**
 * The state Watcher keeps per action ({@code ActionStatus}): its ack state and when it last ran successfully.
 * Mutable, owned by one watch's {@link WatchStatus}.
 */
public final class ActionStatus {

    private AckState ackState;
    private Instant ackStateTime;
    private Instant lastSuccessfulExecution;
    private Instant lastExecution;
    private Instant lastThrottle;

    public ActionStatus() {
        this(AckState.AWAITS_SUCCESSFUL_EXECUTION, null, null);
    }

    public ActionStatus(AckState ackState, Instant lastSuccessfulExecution, Instant lastExecution) {
        this.ackState = ackState;
        this.lastSuccessfulExecution = lastSuccessfulExecution;
        this.lastExecution = lastExecution;
    }

    public AckState ackState() {
        return ackState;
    }

    public Optional<Instant> lastSuccessfulExecution() {
        return Optional.ofNullable(lastSuccessfulExecution);
    }

    public Optional<Instant> lastExecution() {
        return Optional.ofNullable(lastExecution);
    }

    public Optional<Instant> lastThrottle() {
        return Optional.ofNullable(lastThrottle);
    }

    /** Records an executed action. */
    public void onExecution(Instant at, boolean successful) {
        lastExecution = at;
        if (successful) {
            lastSuccessfulExecution = at;
            if (ackState == AckState.AWAITS_SUCCESSFUL_EXECUTION) {
                ackState = AckState.ACKABLE;
                ackStateTime = at;
            }
        }
    }

    public void onThrottle(Instant at) {
        lastThrottle = at;
    }

    /** The ack API: only an ackable action becomes acked. */
    public boolean onAck(Instant at) {
        if (ackState == AckState.ACKABLE) {
            ackState = AckState.ACKED;
            ackStateTime = at;
            return true;
        }
        return false;
    }

    /** The condition (watch or action) was false: back to awaiting a successful execution. */
    public void resetAck(Instant at) {
        if (ackState != AckState.AWAITS_SUCCESSFUL_EXECUTION) {
            ackState = AckState.AWAITS_SUCCESSFUL_EXECUTION;
            ackStateTime = at;
        }
    }

    public Optional<Instant> ackStateTime() {
        return Optional.ofNullable(ackStateTime);
    }
}
