package io.mailtrail.tracker;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.event.CallEvent;
import io.mailtrail.tracker.event.CallEventLogger;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.Delays;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.mailtrail.tracker.trace.AttemptTrace;
import io.mailtrail.tracker.trace.SendTrace;
import io.mailtrail.tracker.trace.Tracing;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Wraps email send calls: runs the call (and its retries, if a {@link RetryPolicy} says so), classifies each
 * attempt, and logs one event per attempt to logger {@code mailtrail.calls}. Configure once, share
 * everywhere; thread-safe.
 *
 * <p>The caller's result and exceptions pass through unchanged. Recording never throws into the caller: if
 * a classifier, the tracing or the logging fails, the call's result still reaches the caller and the
 * problem is reported once on logger {@code io.mailtrail.tracker.MailTracker}.
 *
 * <pre>{@code
 * MailTracker tracker = MailTracker.builder().serviceName("billing").build();
 * Email email = Email.builder("sendgrid").template("receipt").to(customer).build();
 * HttpResponse<String> r = tracker.track(email, () -> http.send(request, ofString()),
 *         HttpCalls.jdk(HttpProviders.sendgrid()));
 * }</pre>
 */
public final class MailTracker {

    private static final Logger SELF = LoggerFactory.getLogger(MailTracker.class);

    private final String serviceName;
    private final PrivacyPolicy privacy;
    private final Clock clock;
    private final IdSource ids;
    private final RetryPolicy retryPolicy;
    private final Tracing tracing;
    private final Delays delays;
    private final CallEventLogger events;
    private final AtomicLong recordingFailures = new AtomicLong();

    private MailTracker(Builder b) {
        this.serviceName = b.serviceName;
        this.privacy = b.privacy;
        this.clock = b.clock;
        this.ids = b.ids;
        this.retryPolicy = b.retryPolicy;
        this.tracing = b.tracing != null ? b.tracing : Tracing.auto();
        this.delays = b.delays;
        this.events = new CallEventLogger(b.loggerFactory != null ? b.loggerFactory : LoggerFactory.getILoggerFactory(),
                privacy, ids, serviceName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The privacy policy events are written with (adapters use it, e.g. for delivery events). */
    public PrivacyPolicy privacy() {
        return privacy;
    }

    /** Tracks a call for which returning means success; exceptions are classified by type. */
    public <T, E extends Exception> T track(Email email, Call<T, E> call) throws E {
        return track(email, call, null);
    }

    /**
     * Runs {@code call}, retrying as the retry policy says, logging one event per attempt.
     *
     * @return what the last attempt returned, unchanged
     * @throws E what the last attempt threw, unchanged (unchecked exceptions and errors too)
     */
    public <T, E extends Exception> T track(Email email, Call<T, E> call, CallClassifier<? super T> classifier) throws E {
        if (call == null) {
            throw new IllegalArgumentException("call is null: pass the send call to track");
        }
        Send send = begin(email, classifier);
        long delayMillis = 0;
        for (int attempt = 1; ; attempt++) {
            Attempt a = send.start(attempt);
            T result = null;
            Throwable error = null;
            AttemptTrace.Scope scope = a.makeCurrent();
            try {
                result = call.call();
            } catch (Throwable t) {
                error = t;
            } finally {
                closeQuietly(scope);
            }
            long nanos = System.nanoTime() - a.startNanos;
            Duration next = a.finish(result, error, nanos, delayMillis);
            if (next == null) {
                if (error != null) {
                    throw Sneaky.<RuntimeException>rethrow(error);
                }
                return result;
            }
            try {
                delays.sleep(next);
            } catch (InterruptedException e) {
                // The caller is being stopped: stop retrying and hand back what the last attempt gave.
                Thread.currentThread().interrupt();
                send.end();
                if (error != null) {
                    throw Sneaky.<RuntimeException>rethrow(error);
                }
                return result;
            }
            delayMillis = next.toMillis();
        }
    }

    /** Tracks an asynchronous call for which completing normally means success. */
    public <T> CompletableFuture<T> trackAsync(Email email, Supplier<? extends CompletionStage<T>> call) {
        return trackAsync(email, call, null);
    }

    /**
     * Tracks an asynchronous call: {@code call} is invoked once per attempt on the caller's thread (the first)
     * or the delay executor (retries). The returned future completes with the last attempt's value or
     * exception, unchanged; if {@code call} itself throws, the future completes with that exception.
     * Cancelling the returned future does not cancel the attempt in flight.
     */
    public <T> CompletableFuture<T> trackAsync(Email email, Supplier<? extends CompletionStage<T>> call,
            CallClassifier<? super T> classifier) {
        if (call == null) {
            throw new IllegalArgumentException("call is null: pass the send call to track");
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        attemptAsync(begin(email, classifier), 1, 0, call, out);
        return out;
    }

    private <T> void attemptAsync(Send send, int attempt, long delayMillis, Supplier<? extends CompletionStage<T>> call,
            CompletableFuture<T> out) {
        Attempt a = send.start(attempt);
        CompletionStage<T> stage;
        AttemptTrace.Scope scope = a.makeCurrent();
        try {
            stage = call.get();
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("the tracked call returned no CompletionStage"));
            }
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        } finally {
            closeQuietly(scope);
        }
        stage.whenComplete((result, error) -> {
            long nanos = System.nanoTime() - a.startNanos;
            Duration next = a.finish(result, unwrap(error), nanos, delayMillis);
            if (next == null) {
                complete(out, result, error);
                return;
            }
            try {
                delays.after(next).execute(() -> attemptAsync(send, attempt + 1, next.toMillis(), call, out));
            } catch (RuntimeException rejected) {
                send.end();
                complete(out, result, error);
            }
        });
    }

    private static <T> void complete(CompletableFuture<T> out, T result, Throwable error) {
        if (error != null) {
            out.completeExceptionally(error);
        } else {
            out.complete(result);
        }
    }

    /** The stage's own exception for classification; what the caller sees is left as it is. */
    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Starts recording a send whose attempts are made elsewhere — by an SDK that retries on its own, seen through
     * its interceptors — with the same events, ids and tracing as {@link #track}. The tracker's retry policy does
     * not apply (the SDK decides). Never throws.
     */
    public ObservedSend observe(Email email) {
        Email e = email != null ? email : Email.builder("unknown").build();
        String sendId = null;
        SendTrace trace = null;
        try {
            sendId = ids.newId();
            trace = tracing.beginSend(e.provider(), ids);
        } catch (RuntimeException | LinkageError problem) {
            recordingFailed(problem);
        }
        return new ObservedSend(e, sendId, trace, clock, events, this::recordingFailed);
    }

    @SuppressWarnings("unchecked")
    private <T> Send begin(Email email, CallClassifier<? super T> classifier) {
        Email e = email != null ? email : Email.builder("unknown").build();
        CallClassifier<Object> c = (CallClassifier<Object>) (classifier != null ? classifier : CallClassifier.returnMeansSuccess());
        String sendId = null;
        SendTrace trace = null;
        try {
            sendId = ids.newId();
            trace = tracing.beginSend(e.provider(), ids);
        } catch (RuntimeException | LinkageError problem) {
            recordingFailed(problem);
        }
        return new Send(e, c, sendId, trace, System.nanoTime());
    }

    private void recordingFailed(Throwable problem) {
        long n = recordingFailures.incrementAndGet();
        if (n == 1) {
            SELF.warn("mailtrail could not record an email call (the call itself was not affected); "
                    + "further failures are logged at DEBUG", problem);
        } else {
            SELF.debug("mailtrail could not record an email call ({} failures so far)", n, problem);
        }
    }

    private static void closeQuietly(AttemptTrace.Scope scope) {
        try {
            scope.close();
        } catch (RuntimeException ignored) {
            // a tracing scope that fails to close must not reach the caller
        }
    }

    /** One logical send: its id, trace and the attempts made so far. */
    private final class Send {
        final Email email;
        final CallClassifier<Object> classifier;
        final String sendId;
        final SendTrace trace;
        final long startNanos;

        Send(Email email, CallClassifier<Object> classifier, String sendId, SendTrace trace, long startNanos) {
            this.email = email;
            this.classifier = classifier;
            this.sendId = sendId;
            this.trace = trace;
            this.startNanos = startNanos;
        }

        Attempt start(int number) {
            Instant start = null;
            AttemptTrace t = null;
            try {
                start = clock.instant();
                t = trace == null ? null : trace.startAttempt(number);
            } catch (RuntimeException | LinkageError problem) {
                recordingFailed(problem);
            }
            return new Attempt(this, number, start != null ? start : Instant.now(), t, System.nanoTime());
        }

        void end() {
            try {
                if (trace != null) {
                    trace.end();
                }
            } catch (RuntimeException | LinkageError problem) {
                recordingFailed(problem);
            }
        }
    }

    /** One attempt in flight. */
    private final class Attempt {
        final Send send;
        final int number;
        final Instant start;
        final AttemptTrace trace;
        final long startNanos;

        Attempt(Send send, int number, Instant start, AttemptTrace trace, long startNanos) {
            this.send = send;
            this.number = number;
            this.start = start;
            this.trace = trace;
            this.startNanos = startNanos;
        }

        AttemptTrace.Scope makeCurrent() {
            try {
                return trace == null ? AttemptTrace.Scope.NOOP : trace.makeCurrent();
            } catch (RuntimeException | LinkageError problem) {
                recordingFailed(problem);
                return AttemptTrace.Scope.NOOP;
            }
        }

        /** Classifies, decides on a retry, records; returns the delay before the next attempt or null. */
        Duration finish(Object result, Throwable error, long nanos, long delayMillis) {
            AttemptResult r = classify(result, error);
            Duration next = null;
            try {
                if (!Thread.currentThread().isInterrupted()) {
                    next = retryPolicy.nextDelay(number, r, Duration.ofNanos(System.nanoTime() - send.startNanos))
                            .orElse(null);
                }
            } catch (RuntimeException problem) {
                recordingFailed(problem);
            }
            boolean last = next == null;
            try {
                if (trace != null) {
                    trace.end(r, number - 1);
                }
                events.log(new CallEvent(send.email, r, error, start, nanos, send.sendId, number, last, delayMillis,
                        trace == null ? null : trace.traceId(), trace == null ? null : trace.spanId(),
                        trace == null ? null : trace.transactionId()));
            } catch (RuntimeException | LinkageError problem) {
                recordingFailed(problem);
            }
            if (last) {
                send.end();
            }
            return next;
        }

        private AttemptResult classify(Object result, Throwable error) {
            try {
                AttemptResult r = error != null ? send.classifier.classifyError(error) : send.classifier.classifyResult(result);
                if (r != null) {
                    return r;
                }
            } catch (RuntimeException | LinkageError problem) {
                recordingFailed(problem);
            }
            // The classifier failed: fall back to what needs no knowledge of the protocol, which reads the
            // caller's exception too and may fail on it the same way (a throwing getMessage()).
            if (error != null) {
                try {
                    return ExceptionClassifier.classify(error).build();
                } catch (RuntimeException | LinkageError problem) {
                    recordingFailed(problem);
                }
            }
            return AttemptResult.unknown(ErrorCategory.UNKNOWN).build();
        }
    }

    /** Builds a {@link MailTracker}. */
    public static final class Builder {
        private String serviceName;
        private PrivacyPolicy privacy = PrivacyPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private IdSource ids = IdSource.random();
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private ILoggerFactory loggerFactory;
        private Tracing tracing;
        private Delays delays = Delays.real();

        private Builder() {
        }

        /** {@code service.name} of the events. Default: none (the appender or agent may add it). */
        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName == null || serviceName.isBlank() ? null : serviceName.trim();
            return this;
        }

        /** What personal data and secrets may reach events. Default {@link PrivacyPolicy#defaults()}. */
        public Builder privacy(PrivacyPolicy privacy) {
            this.privacy = require("privacy", privacy);
            return this;
        }

        /** Source of {@code @timestamp}. Default UTC system clock. Durations always use {@code System.nanoTime}. */
        public Builder clock(Clock clock) {
            this.clock = require("clock", clock);
            return this;
        }

        /** Source of send, event, trace and span ids. Default random. */
        public Builder ids(IdSource ids) {
            this.ids = require("ids", ids);
            return this;
        }

        /** Retries. Default {@link RetryPolicy#none()}: one attempt. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = require("retryPolicy", retryPolicy);
            return this;
        }

        /** Where loggers come from. Default the SLF4J binding's ({@code LoggerFactory.getILoggerFactory()}). */
        public Builder loggerFactory(ILoggerFactory loggerFactory) {
            this.loggerFactory = require("loggerFactory", loggerFactory);
            return this;
        }

        /** Trace ids and spans. Default {@link Tracing#auto()}. */
        public Builder tracing(Tracing tracing) {
            this.tracing = require("tracing", tracing);
            return this;
        }

        /** How to wait between attempts. Default real sleeping / delayed executor. */
        public Builder delays(Delays delays) {
            this.delays = require("delays", delays);
            return this;
        }

        public MailTracker build() {
            return new MailTracker(this);
        }

        private static <V> V require(String option, V value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " is null: leave it unset for the default");
            }
            return value;
        }
    }

    /** Rethrows any throwable without wrapping: the caller's checked exception type is {@code E}. */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <X extends Throwable> X rethrow(Throwable t) throws X {
            throw (X) t;
        }
    }
}
