package io.mailtrail.tracker;

import io.mailtrail.tracker.event.CallEvent;
import io.mailtrail.tracker.event.CallEventLogger;
import io.mailtrail.tracker.trace.AttemptTrace;
import io.mailtrail.tracker.trace.SendTrace;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One logical send whose attempts something else makes — a provider SDK with retries of its own — recorded
 * as {@link MailTracker#track} records its own: one event per attempt, all with the same send id and trace
 * id, numbered from 1, the last one marked final. Get one from {@link MailTracker#observe(Email)}.
 *
 * <p>An adapter calls {@link #startAttempt()} when an attempt starts, {@link Attempt#stop()} when its answer
 * (or failure) is in, and {@link Attempt#record} once it knows whether another attempt follows. Nothing here
 * throws into the caller: a recording failure is reported once on the tracker's own logger. Not thread-safe
 * (a send's attempts follow each other).
 */
public final class ObservedSend {

    private final Email email;
    private final String sendId;
    private final SendTrace trace;
    private final Clock clock;
    private final CallEventLogger events;
    private final Consumer<Throwable> problems;
    private int attempts;
    private long previousEndNanos = -1;
    private boolean ended;

    ObservedSend(Email email, String sendId, SendTrace trace, Clock clock, CallEventLogger events, Consumer<Throwable> problems) {
        this.email = email;
        this.sendId = sendId;
        this.trace = trace;
        this.clock = clock;
        this.events = events;
        this.problems = problems;
    }

    /** The id all attempts' events carry ({@code mailtrail.send.id}); null if it could not be drawn. */
    public String sendId() {
        return sendId;
    }

    /** What is being sent. */
    public Email email() {
        return email;
    }

    /** Attempts started so far. */
    public int attempts() {
        return attempts;
    }

    /** Starts the next attempt (numbered from 1) now. */
    public Attempt startAttempt() {
        int number = ++attempts;
        Instant start = null;
        AttemptTrace t = null;
        try {
            start = clock.instant();
            t = trace == null ? null : trace.startAttempt(number);
        } catch (RuntimeException | LinkageError problem) {
            problems.accept(problem);
        }
        long now = System.nanoTime();
        long delayMillis = previousEndNanos < 0 ? 0 : Math.max(0, (now - previousEndNanos) / 1_000_000);
        return new Attempt(number, start != null ? start : Instant.now(), t, now, delayMillis);
    }

    /** Ends the send's trace; {@link Attempt#record} with {@code last = true} does it too. Idempotent. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            if (trace != null) {
                trace.end();
            }
        } catch (RuntimeException | LinkageError problem) {
            problems.accept(problem);
        }
    }

    /** One attempt of an {@link ObservedSend}. */
    public final class Attempt {
        private final int number;
        private final Instant start;
        private final AttemptTrace trace;
        private final long startNanos;
        private final long delayMillis;
        private long endNanos = -1;
        private boolean recorded;

        private Attempt(int number, Instant start, AttemptTrace trace, long startNanos, long delayMillis) {
            this.number = number;
            this.start = start;
            this.trace = trace;
            this.startNanos = startNanos;
            this.delayMillis = delayMillis;
        }

        /** The attempt number, from 1. */
        public int number() {
            return number;
        }

        /** Whether {@link #record} was called. */
        public boolean recorded() {
            return recorded;
        }

        /** Marks the end of the attempt (its duration ends here); the first call counts. */
        public void stop() {
            if (endNanos < 0) {
                endNanos = System.nanoTime();
                previousEndNanos = endNanos;
            }
        }

        /**
         * Logs the attempt's event (stopping it first if {@link #stop()} was not called). The first call counts.
         *
         * @param result what the attempt gave (null records an unknown outcome)
         * @param error  what it threw, or null
         * @param last   whether no attempt follows (ends the send's trace too)
         */
        public void record(AttemptResult result, Throwable error, boolean last) {
            if (recorded) {
                return;
            }
            recorded = true;
            stop();
            AttemptResult r = result != null ? result : AttemptResult.unknown(io.mailtrail.schema.ErrorCategory.UNKNOWN).build();
            try {
                if (trace != null) {
                    trace.end(r, number - 1);
                }
                events.log(new CallEvent(email, r, error, start, endNanos - startNanos, sendId, number, last, delayMillis,
                        trace == null ? null : trace.traceId(), trace == null ? null : trace.spanId(),
                        trace == null ? null : trace.transactionId()));
            } catch (RuntimeException | LinkageError problem) {
                problems.accept(problem);
            }
            if (last) {
                end();
            }
        }
    }
}
