package io.mailtrail.tracker;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Fields;
import io.mailtrail.tracker.trace.Tracing;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class MailTrackerTest {

    /** Fields the encoder itself writes; everything else must come from the catalog. */
    private static final Set<String> ENCODER_FIELDS = Set.of("message", "level", "logger_name");

    private final CapturedEvents events = new CapturedEvents();
    private final Instant now = Instant.parse("2026-11-27T10:15:30.123Z");
    private final MailTracker tracker = MailTracker.builder()
            .serviceName("billing")
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .ids(new FixedIds())
            .tracing(Tracing.mdcOnly())
            .loggerFactory(events.loggerFactory())
            .build();
    private final Email email = Email.builder("sendgrid").template("receipt").tenant("acme")
            .to("Alice <alice@Example.org>", "bob@gmail.com").cc("carol@example.org").bcc("dave@corp.test")
            .from("noreply@shop.test").label("campaign", "welcome").localId("order-4711").subject("Your receipt 4711")
            .build();

    @Test
    void successReturnsTheCallersResultAndLogsOneEventOfCatalogFields() {
        Object own = new Object();
        Object returned = tracker.track(email, () -> own);

        assertThat(returned).isSameAs(own);
        Map<String, Object> e = events.onlyCall();
        assertThat(e).containsEntry("event.outcome", "success")
                .containsEntry("@timestamp", "2026-11-27T10:15:30.123Z")
                .containsEntry("event.dataset", Dataset.CALLS.datasetName())
                .containsEntry("data_stream.dataset", Dataset.CALLS.datasetName())
                .containsEntry("event.kind", EventValues.KIND)
                .containsEntry("event.category", List.of("email"))
                .containsEntry("event.type", List.of("info"))
                .containsEntry("event.action", EventValues.ACTION_SEND)
                .containsEntry("ecs.version", EventValues.ECS_VERSION)
                .containsEntry("service.name", "billing")
                .containsEntry("mailtrail.provider", "sendgrid")
                .containsEntry("mailtrail.template", "receipt")
                .containsEntry("mailtrail.tenant", "acme")
                .containsEntry("labels", Map.of("campaign", "welcome"))
                .containsEntry("email.local_id", "order-4711")
                .containsEntry("email.from.address", List.of("noreply@shop.test"))
                .containsEntry("mailtrail.attempt.number", 1)
                .containsEntry("mailtrail.attempt.final", true)
                .containsEntry("mailtrail.retry.delay_ms", 0)
                .containsEntry("mailtrail.recipient.count", 4)
                .containsEntry("mailtrail.recipient.domain", List.of("example.org", "gmail.com", "corp.test"))
                .containsEntry("level", "INFO")
                .containsEntry("logger_name", "mailtrail.calls")
                .containsEntry("message", "sendgrid send success")
                .doesNotContainKeys("error.type", "mailtrail.error.category", "email.subject", "mailtrail.recipient.hash");
        assertThat(e.get("event.duration")).isInstanceOf(Number.class);
        assertThat(((Number) e.get("event.duration")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat((String) e.get("trace.id")).matches("[0-9a-f]{32}");
        assertThat((String) e.get("span.id")).matches("[0-9a-f]{16}");
        assertThat((String) e.get("mailtrail.send.id")).startsWith("id-");
        assertThat((String) e.get("event.id")).startsWith("id-").isNotEqualTo(e.get("mailtrail.send.id"));
        for (String key : e.keySet()) {
            if (!ENCODER_FIELDS.contains(key)) {
                assertThat(Fields.byName(key)).as("catalog field %s", key).isPresent();
                assertThat(Fields.byName(key).orElseThrow().datasets()).as(key).contains(Dataset.CALLS);
            }
        }
    }

    @Test
    void checkedExceptionIsRethrownUnchangedAndRecordedAsAFailure() {
        IOException own = new IOException("connection reset by peer");

        Throwable thrown = catchThrowable(() -> tracker.track(email, () -> {
            throw own;
        }));

        assertThat(thrown).isSameAs(own);
        Map<String, Object> e = events.onlyCall();
        assertThat(e).containsEntry("event.outcome", "unknown")
                .containsEntry("error.type", "java.io.IOException")
                .containsEntry("error.message", "connection reset by peer")
                .containsEntry("mailtrail.error.category", "network")
                .containsEntry("mailtrail.error.retryable", false)
                .containsEntry("level", "WARN");
        assertThat((String) e.get("error.stack_trace")).startsWith("java.io.IOException: connection reset by peer")
                .contains("MailTrackerTest");
    }

    @Test
    void errorsAndRuntimeExceptionsPassThroughUnchanged() {
        AssertionError error = new AssertionError("boom");
        IllegalStateException runtime = new IllegalStateException("bad");

        assertThat(catchThrowable(() -> tracker.track(email, () -> { throw error; }))).isSameAs(error);
        assertThat(catchThrowable(() -> tracker.track(email, () -> { throw runtime; }))).isSameAs(runtime);
        assertThat(events.calls()).extracting(m -> m.get("mailtrail.error.category")).containsExactly("unknown", "unknown");
    }

    @Test
    void networkExceptionsAreClassifiedByWhetherTheRequestLeft() {
        assertCategory(new ConnectException("Connection refused"), "failure", "network", true);
        assertCategory(new SocketTimeoutException("Connect timed out"), "failure", "timeout", true);
        assertCategory(new HttpConnectTimeoutException("HTTP connect timed out"), "failure", "timeout", true);
        assertCategory(new SocketTimeoutException("Read timed out"), "unknown", "timeout", false);
        assertCategory(new IOException("wrapper", new java.net.UnknownHostException("api.example")), "failure", "network", true);
    }

    private void assertCategory(Exception thrown, String outcome, String category, boolean retryable) {
        catchThrowable(() -> tracker.track(email, () -> { throw thrown; }));
        List<Map<String, Object>> all = events.calls();
        assertThat(all.get(all.size() - 1)).as(thrown.toString())
                .containsEntry("event.outcome", outcome)
                .containsEntry("mailtrail.error.category", category)
                .containsEntry("mailtrail.error.retryable", retryable);
    }

    @Test
    void aClassifierThatThrowsNeitherReachesTheCallerNorLosesTheEvent() {
        CallClassifier<String> broken = result -> { throw new IllegalStateException("classifier bug"); };

        String r = tracker.track(email, () -> "accepted", broken);

        assertThat(r).isEqualTo("accepted");
        assertThat(events.onlyCall()).containsEntry("event.outcome", "unknown");
    }

    @Test
    void anErrorThatCannotBeReadStillGivesAnEventTaggedIncomplete() {
        // the caller must get its own exception back; the pairs are computed when an appender reads them,
        // maybe on its own thread: a failure there must neither escape into that thread nor lose the event
        IOException unreadable = new IOException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("getMessage bug");
            }
        };

        Throwable thrown = catchThrowable(() -> tracker.track(email, () -> { throw unreadable; }));
        assertThat(thrown == unreadable).as("the caller's own exception, unchanged: got " + thrown.getClass()).isTrue();

        // classification reads the message too and fails on it: nothing known about the result
        Map<String, Object> event = events.onlyCall();
        assertThat(event).containsEntry("event.outcome", "unknown")
                .containsEntry("tags", List.of("mailtrail_event_incomplete"))
                .containsKeys("@timestamp", "event.id", "event.duration", "mailtrail.send.id", "data_stream.dataset")
                .doesNotContainKeys("mailtrail.recipient.domain", "error.message");
    }

    @Test
    void aFailingRecordingPathDoesNotAffectTheCall() {
        IdSource exploding = new IdSource() {
            @Override public String newId() { throw new IllegalStateException("no ids today"); }
            @Override public String newTraceId() { throw new IllegalStateException("no ids today"); }
            @Override public String newSpanId() { throw new IllegalStateException("no ids today"); }
        };
        MailTracker fragile = MailTracker.builder().ids(exploding).tracing(Tracing.mdcOnly())
                .loggerFactory(events.loggerFactory()).build();

        assertThat(fragile.track(email, () -> 42)).isEqualTo(42);
        IOException own = new IOException("x");
        assertThat(catchThrowable(() -> fragile.track(email, () -> { throw own; }))).isSameAs(own);
    }

    @Test
    void returnedFailureIsLoggedButTheValueStillReturned() {
        CallClassifier<Integer> status = code -> code < 300 ? AttemptResult.success().httpStatus(code).build()
                : AttemptResult.failure(ErrorCategory.RATE_LIMITED).httpStatus(code).errorCode(String.valueOf(code)).build();

        assertThat(tracker.track(email, () -> 429, status)).isEqualTo(429);

        assertThat(events.onlyCall()).containsEntry("event.outcome", "failure")
                .containsEntry("http.response.status_code", 429)
                .containsEntry("error.code", "429")
                .containsEntry("mailtrail.error.category", "rate_limited")
                .containsEntry("mailtrail.error.retryable", true)
                .containsEntry("message", "sendgrid send failure: rate_limited (HTTP 429)")
                .doesNotContainKey("error.type");
    }

    @Test
    void asyncSuccessAndFailureCompleteWithTheCallersOwnValues() throws Exception {
        Object own = new Object();
        assertThat(tracker.trackAsync(email, () -> CompletableFuture.completedFuture(own)).get()).isSameAs(own);

        IOException failure = new SocketTimeoutException("Read timed out");
        CompletableFuture<Object> failed = tracker.trackAsync(email, () -> CompletableFuture.failedFuture(failure));
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCause(failure);

        RuntimeException thrownBySupplier = new IllegalArgumentException("bad request object");
        CompletableFuture<Object> broken = tracker.trackAsync(email, () -> { throw thrownBySupplier; });
        assertThatThrownBy(broken::get).hasCause(thrownBySupplier);

        assertThat(events.calls()).extracting(m -> m.get("event.outcome")).containsExactly("success", "unknown", "failure");
        assertThat(events.calls().get(1)).containsEntry("mailtrail.error.category", "timeout");
    }

    @Test
    void asyncEventIsWrittenWhenTheStageCompletesNotBefore() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> tracked = tracker.trackAsync(email, () -> pending);

        assertThat(events.calls()).isEmpty();
        pending.complete("done");
        assertThat(tracked.join()).isEqualTo("done");
        assertThat(events.onlyCall()).containsEntry("event.outcome", "success");
    }

    @Test
    void nullCallIsAClearErrorAndNullEmailStillRuns() {
        assertThatThrownBy(() -> tracker.track(email, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("call is null");
        assertThat(tracker.track(null, () -> "ok")).isEqualTo("ok");
        assertThat(events.onlyCall()).containsEntry("mailtrail.provider", "unknown");
    }

    @Test
    void configMistakesNameTheOption() {
        assertThatThrownBy(() -> MailTracker.builder().privacy(null)).hasMessageContaining("privacy");
        assertThatThrownBy(() -> Email.builder(" ")).hasMessageContaining("provider");
    }

    @Test
    void disabledLoggerCostsNoEventAndStillRunsTheCall() {
        events.loggerFactory().getLogger(Dataset.CALLS.loggerName()).setLevel(ch.qos.logback.classic.Level.OFF);
        assertThat(tracker.track(email, () -> "x")).isEqualTo("x");
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void emailToStringShowsNoPersonalData() {
        assertThat(email.toString()).doesNotContain("alice", "bob", "receipt 4711").contains("recipients=4");
    }
}
