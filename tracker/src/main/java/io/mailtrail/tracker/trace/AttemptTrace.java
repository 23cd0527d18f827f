package io.mailtrail.tracker.trace;

import io.mailtrail.tracker.AttemptResult;

/** The trace of one attempt: the ids its event carries and, with OpenTelemetry, its CLIENT span. */
public interface AttemptTrace {

    String traceId();

    String spanId();

    /** The enclosing APM transaction, or null. */
    String transactionId();

    /** Makes the attempt's span current on this thread (so client instrumentation nests under it). */
    Scope makeCurrent();

    /**
     * Ends the attempt's span with what the classifier found.
     *
     * @param retryCount attempts made before this one
     */
    void end(AttemptResult result, int retryCount);

    /** A span made current; closing restores the previous one. Never throws. */
    interface Scope extends AutoCloseable {
        Scope NOOP = () -> { };

        @Override
        void close();
    }
}
