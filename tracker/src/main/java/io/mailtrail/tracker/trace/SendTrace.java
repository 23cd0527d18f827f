package io.mailtrail.tracker.trace;

/** The trace of one logical send. */
public interface SendTrace {

    /** Starts attempt {@code number} (from 1). */
    AttemptTrace startAttempt(int number);

    /** Ends the send (closes a send-level span, if one was opened). */
    void end();
}
