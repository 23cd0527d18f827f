package io.mailtrail.tracker;

import io.mailtrail.schema.ErrorCategory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts made by someone else (an SDK's retries) recorded as attempts of one send. */
class ObservedSendTest {

    private final CapturedEvents events = new CapturedEvents();
    private final MailTracker tracker = MailTracker.builder().loggerFactory(events.loggerFactory()).build();

    @Test
    void attemptsShareTheSendAndTraceAndOnlyTheLastIsFinal() throws Exception {
        ObservedSend send = tracker.observe(Email.builder("ses").to("a@example.org").build());
        ObservedSend.Attempt first = send.startAttempt();
        first.stop();
        Thread.sleep(20);   // the SDK's backoff
        ObservedSend.Attempt second = send.startAttempt();
        first.record(AttemptResult.failure(ErrorCategory.RATE_LIMITED).httpStatus(429).requestId("req-1").build(), null, false);
        second.record(AttemptResult.success().messageId("<m-1>").httpStatus(200).build(), null, true);
        second.record(AttemptResult.failure(ErrorCategory.UNKNOWN).build(), null, true);   // a second record is ignored

        List<Map<String, Object>> calls = events.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsEntry("mailtrail.attempt.number", 1).containsEntry("mailtrail.attempt.final", false)
                .containsEntry("mailtrail.error.category", "rate_limited").containsEntry("http.request.id", "req-1")
                .containsEntry("mailtrail.retry.delay_ms", 0);
        assertThat(calls.get(1)).containsEntry("mailtrail.attempt.number", 2).containsEntry("mailtrail.attempt.final", true)
                .containsEntry("email.message_id", "m-1");
        assertThat(((Number) calls.get(1).get("mailtrail.retry.delay_ms")).longValue()).isGreaterThanOrEqualTo(20);
        assertThat(calls).extracting(e -> e.get("mailtrail.send.id")).containsOnly(send.sendId());
        assertThat(calls.get(0).get("trace.id")).isNotNull().isEqualTo(calls.get(1).get("trace.id"));
        assertThat(send.attempts()).isEqualTo(2);
    }

    @Test
    void aNullResultIsRecordedAsUnknown() {
        ObservedSend send = tracker.observe(null);
        send.startAttempt().record(null, new IllegalStateException("gone"), true);
        assertThat(events.onlyCall()).containsEntry("event.outcome", "unknown").containsEntry("mailtrail.provider", "unknown")
                .containsEntry("error.type", IllegalStateException.class.getName());
    }
}
