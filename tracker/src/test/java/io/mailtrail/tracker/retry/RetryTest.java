package io.mailtrail.tracker.retry;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.RecordingDelays;
import io.mailtrail.tracker.trace.Tracing;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class RetryTest {

    private final CapturedEvents events = new CapturedEvents();
    private final RecordingDelays delays = new RecordingDelays();
    private final Email email = Email.builder("sendgrid").to("a@example.org").build();
    /** 429 with Retry-After 2 s, 503 without, 202 success, 400 invalid. */
    private final CallClassifier<Integer> http = code -> switch (code) {
        case 202 -> AttemptResult.success().httpStatus(code).build();
        case 429 -> AttemptResult.failure(ErrorCategory.RATE_LIMITED).httpStatus(code).retryAfter(Duration.ofSeconds(2)).build();
        case 503 -> AttemptResult.failure(ErrorCategory.PROVIDER_UNAVAILABLE).httpStatus(code).build();
        default -> AttemptResult.failure(ErrorCategory.INVALID_REQUEST).httpStatus(code).build();
    };

    private MailTracker tracker(RetryPolicy policy) {
        return MailTracker.builder().retryPolicy(policy).delays(delays).tracing(Tracing.mdcOnly())
                .loggerFactory(events.loggerFactory()).build();
    }

    private static RetryPolicy.Builder policy() {
        return RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(10)).random(() -> 0.5);
    }

    @Test
    void retriesUntilSuccessHonouringRetryAfterAndLogsEveryAttempt() {
        List<Integer> answers = List.of(429, 503, 202);
        AtomicInteger n = new AtomicInteger();

        int result = tracker(policy().maxAttempts(5).build()).track(email, () -> answers.get(n.getAndIncrement()), http);

        assertThat(result).isEqualTo(202);
        // after the 429: the provider's 2 s; after the 503 (2nd attempt): 0.5 * (100 ms * 2^1 + 1) = 100 ms
        assertThat(delays.asked).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(100));
        List<Map<String, Object>> e = events.calls();
        assertThat(e).extracting(m -> m.get("mailtrail.attempt.number")).containsExactly(1, 2, 3);
        assertThat(e).extracting(m -> m.get("mailtrail.retry.delay_ms")).containsExactly(0, 2000, 100);
        assertThat(e).extracting(m -> m.get("mailtrail.attempt.final")).containsExactly(false, false, true);
        assertThat(e).extracting(m -> m.get("event.outcome")).containsExactly("failure", "failure", "success");
        assertThat(e).extracting(m -> m.get("mailtrail.send.id")).containsOnly(e.get(0).get("mailtrail.send.id"));
        assertThat(e).extracting(m -> m.get("trace.id")).containsOnly(e.get(0).get("trace.id"));
        assertThat(e).extracting(m -> m.get("span.id")).doesNotHaveDuplicates();
        assertThat(e.get(0)).containsEntry("mailtrail.rate_limit.retry_after_ms", 2000);
    }

    @Test
    void nonRetryableFailureIsTriedOnce() {
        assertThat(tracker(policy().build()).track(email, () -> 400, http)).isEqualTo(400);

        assertThat(delays.asked).isEmpty();
        assertThat(events.onlyCall()).containsEntry("mailtrail.attempt.final", true);
    }

    @Test
    void readTimeoutIsNotRetriedButConnectFailureIs() throws Exception {
        SocketTimeoutException read = new SocketTimeoutException("Read timed out");
        assertThat(catchThrowable(() -> tracker(policy().build()).track(email, () -> { throw read; }))).isSameAs(read);
        assertThat(events.calls()).hasSize(1);

        AtomicInteger n = new AtomicInteger();
        String r = tracker(policy().build()).track(email, () -> {
            if (n.incrementAndGet() == 1) {
                throw new ConnectException("Connection refused");
            }
            return "sent";
        });
        assertThat(r).isEqualTo("sent");
        assertThat(events.calls()).hasSize(3);
    }

    @Test
    void stopsAtMaxAttemptsAndRethrowsTheLastException() {
        AtomicInteger n = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> tracker(policy().maxAttempts(3).build()).track(email, () -> {
            throw new ConnectException("refused #" + n.incrementAndGet());
        }));

        assertThat(thrown).isInstanceOf(ConnectException.class).hasMessage("refused #3");
        assertThat(events.calls()).extracting(m -> m.get("mailtrail.attempt.final")).containsExactly(false, false, true);
        // full jitter with random 0.5: 0.5 * (100 + 1), 0.5 * (200 + 1)
        assertThat(delays.asked).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void stopsWhenTheWaitWouldPassMaxElapsed() {
        int r = tracker(policy().maxElapsed(Duration.ofSeconds(1)).build()).track(email, () -> 429, http);

        assertThat(r).isEqualTo(429);
        assertThat(delays.asked).isEmpty();
        assertThat(events.onlyCall()).containsEntry("mailtrail.attempt.final", true);
    }

    @Test
    void onlyTheConfiguredCategoriesAreRetried() {
        tracker(policy().retryOn(ErrorCategory.PROVIDER_UNAVAILABLE).build()).track(email, () -> 429, http);
        assertThat(events.calls()).hasSize(1);
    }

    @Test
    void backoffIsCappedAndJittered() {
        RetryPolicy p = RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(250))
                .maxAttempts(10).random(() -> 0.999999).build();
        AttemptResult unavailable = AttemptResult.failure(ErrorCategory.PROVIDER_UNAVAILABLE).build();

        assertThat(p.nextDelay(1, unavailable, Duration.ZERO)).contains(Duration.ofMillis(100));
        assertThat(p.nextDelay(2, unavailable, Duration.ZERO)).contains(Duration.ofMillis(200));
        assertThat(p.nextDelay(8, unavailable, Duration.ZERO)).contains(Duration.ofMillis(250));
        assertThat(p.nextDelay(10, unavailable, Duration.ZERO)).isEmpty();
        RetryPolicy zero = RetryPolicy.builder().random(() -> 0.0).build();
        assertThat(zero.nextDelay(1, unavailable, Duration.ZERO)).contains(Duration.ZERO);
    }

    @Test
    void asyncRetriesCompleteWithTheLastValue() {
        List<Integer> answers = List.of(503, 202);
        AtomicInteger n = new AtomicInteger();

        CompletableFuture<Integer> f = tracker(policy().build())
                .trackAsync(email, () -> CompletableFuture.completedFuture(answers.get(n.getAndIncrement())), http);

        assertThat(f.join()).isEqualTo(202);
        assertThat(events.calls()).extracting(m -> m.get("mailtrail.attempt.final")).containsExactly(false, true);
        assertThat(events.calls()).extracting(m -> m.get("mailtrail.send.id")).containsOnly(events.calls().get(0).get("mailtrail.send.id"));
    }

    @Test
    void interruptedWhileWaitingReturnsTheLastResultAndKeepsTheFlag() {
        Delays interrupting = new Delays() {
            @Override
            public void sleep(Duration delay) throws InterruptedException {
                throw new InterruptedException("shutdown");
            }

            @Override
            public java.util.concurrent.Executor after(Duration delay) {
                return Runnable::run;
            }
        };
        MailTracker t = MailTracker.builder().retryPolicy(policy().build()).delays(interrupting)
                .tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
        try {
            assertThat(t.track(email, () -> 503, http)).isEqualTo(503);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badConfigNamesTheOptionAndValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).hasMessageContaining("maxAttempts 0");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ZERO).build()).hasMessageContaining("baseDelay PT0S");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxDelay PT1S");
    }
}
