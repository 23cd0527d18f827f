package io.mailtrail.tracker.trace;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.RecordingDelays;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final CapturedEvents events = new CapturedEvents();
    private final Email email = Email.builder("sendgrid").to("alice@example.org").subject("secret subject").build();

    @AfterEach
    void clean() {
        MDC.clear();
        otel.close();
        GlobalOpenTelemetry.resetForTest();
    }

    private MailTracker tracker(Tracing tracing, RetryPolicy retry) {
        return MailTracker.builder().tracing(tracing).retryPolicy(retry).delays(new RecordingDelays())
                .loggerFactory(events.loggerFactory()).build();
    }

    @Test
    void underAnActiveSpanEachAttemptIsAClientChildSpanAndTheEventCarriesItsIds() {
        Span parent = otel.getTracer("app").spanBuilder("POST /signup").startSpan();
        AtomicReference<Span> currentDuringCall = new AtomicReference<>();
        try (Scope ignored = parent.makeCurrent()) {
            tracker(OpenTelemetryTracing.using(otel), RetryPolicy.none()).track(email, () -> {
                currentDuringCall.set(Span.current());
                return "ok";
            });
        } finally {
            parent.end();
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(client.getName()).isEqualTo("email send sendgrid");
        assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(client.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
        assertThat(currentDuringCall.get().getSpanContext().getSpanId()).isEqualTo(client.getSpanId());
        assertThat(spans).hasSize(2); // the parent and one attempt, no send-level span under an active parent

        Map<String, Object> e = events.onlyCall();
        assertThat(e).containsEntry("trace.id", client.getTraceId()).containsEntry("span.id", client.getSpanId());
        assertNoPersonalData(client);
    }

    @Test
    void outsideAnyTraceAllAttemptsShareOneNewTraceAndFailuresAreMarked() {
        AtomicInteger calls = new AtomicInteger();
        CallClassifier<Integer> status = code -> code == 503
                ? AttemptResult.failure(ErrorCategory.PROVIDER_UNAVAILABLE).httpStatus(code).server("api.sendgrid.com", 443).build()
                : AttemptResult.success().httpStatus(code).server("api.sendgrid.com", 443).build();

        tracker(OpenTelemetryTracing.using(otel), RetryPolicy.builder().maxAttempts(3).build())
                .track(email, () -> calls.incrementAndGet() < 3 ? 503 : 202, status);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        List<SpanData> attempts = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        SpanData send = spans.stream().filter(s -> s.getKind() == SpanKind.INTERNAL).findFirst().orElseThrow();
        assertThat(attempts).hasSize(3).allSatisfy(a -> {
            assertThat(a.getTraceId()).isEqualTo(send.getTraceId());
            assertThat(a.getParentSpanId()).isEqualTo(send.getSpanId());
            assertThat(a.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("api.sendgrid.com");
            assertNoPersonalData(a);
        });
        assertThat(attempts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempts.get(0).getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("provider_unavailable");
        assertThat(attempts.get(2).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(attempts.get(2).getAttributes().get(AttributeKey.longKey("mailtrail.retry.count"))).isEqualTo(2L);

        List<Map<String, Object>> logged = events.calls();
        assertThat(logged).extracting(m -> m.get("trace.id")).containsOnly(send.getTraceId());
        assertThat(logged).extracting(m -> m.get("span.id"))
                .containsExactlyElementsOf(attempts.stream().map(SpanData::getSpanId).toList());
    }

    @Test
    void autoTracingOutsideAnActiveSpanOpensNoSpanAndUsesAFreshTraceId() {
        tracker(Tracing.auto(), RetryPolicy.none()).track(email, () -> "ok");

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat((String) events.onlyCall().get("trace.id")).matches("[0-9a-f]{32}");
    }

    @Test
    void autoTracingUnderAnActiveSpanUsesItsTrace() {
        Span parent = otel.getTracer("app").spanBuilder("job").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            tracker(Tracing.auto(), RetryPolicy.none()).track(email, () -> "ok");
        } finally {
            parent.end();
        }
        assertThat(events.onlyCall()).containsEntry("trace.id", parent.getSpanContext().getTraceId());
    }

    @Test
    void elasticApmMdcKeysAreUsedAndNormalised() {
        MDC.put("trace.id", "0AF7651916CD43DD8448EB211C80319C");
        MDC.put("transaction.id", "B7AD6B7169203331");
        tracker(Tracing.mdcOnly(), RetryPolicy.none()).track(email, () -> "ok");

        assertThat(events.onlyCall()).containsEntry("trace.id", "0af7651916cd43dd8448eb211c80319c")
                .containsEntry("transaction.id", "b7ad6b7169203331");
        assertThat((String) events.onlyCall().get("span.id")).matches("[0-9a-f]{16}");
    }

    @Test
    void openTelemetryAgentMdcKeyIsUsedAndInvalidIdsIgnored() {
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        tracker(Tracing.mdcOnly(), RetryPolicy.none()).track(email, () -> "ok");
        MDC.put("trace_id", "00000000000000000000000000000000");
        MDC.put("trace.id", "not-a-trace-id");
        tracker(Tracing.mdcOnly(), RetryPolicy.none()).track(email, () -> "ok");

        assertThat(events.calls().get(0)).containsEntry("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .doesNotContainKey("transaction.id");
        assertThat((String) events.calls().get(1).get("trace.id")).matches("[0-9a-f]{32}")
                .isNotEqualTo("00000000000000000000000000000000");
    }

    private static void assertNoPersonalData(SpanData span) {
        assertThat(span.getAttributes().toString()).doesNotContain("alice", "example.org", "secret subject");
        assertThat(span.getName()).doesNotContain("alice");
    }
}
