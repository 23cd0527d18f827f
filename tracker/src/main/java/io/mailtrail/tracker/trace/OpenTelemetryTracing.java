package io.mailtrail.tracker.trace;

import io.mailtrail.schema.Fields;
import io.mailtrail.schema.Outcome;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.IdSource;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.function.Supplier;

/**
 * Each attempt becomes a CLIENT span named {@code email send <provider>}, and the event carries that span's
 * ids. Span attributes hold no personal data: provider, server address and port, HTTP status or SMTP reply
 * code, {@code error.type} (the error category) and the retry count.
 *
 * <p>Only this class refers to OpenTelemetry types; the tracker loads it only when {@code opentelemetry-api}
 * is present.
 */
public final class OpenTelemetryTracing implements Tracing {

    static final String INSTRUMENTATION_SCOPE = "io.mailtrail.tracker";

    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(Fields.PROVIDER.name());
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey(Fields.ATTEMPT_NUMBER.name());
    private static final AttributeKey<Long> RETRY_COUNT = AttributeKey.longKey("mailtrail.retry.count");
    // OpenTelemetry semantic-convention names (stable), not catalog fields.
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<Long> SMTP_REPLY_CODE = AttributeKey.longKey(Fields.SMTP_REPLY_CODE.name());

    private final Supplier<Tracer> tracer;
    private final boolean onlyUnderActiveSpan;
    private final MdcTracing fallback = new MdcTracing();

    private OpenTelemetryTracing(Supplier<Tracer> tracer, boolean onlyUnderActiveSpan) {
        this.tracer = tracer;
        this.onlyUnderActiveSpan = onlyUnderActiveSpan;
    }

    /**
     * Spans from the application's own OpenTelemetry instance, always: a send outside any trace starts a
     * new one (an INTERNAL span {@code email send <provider>} holding its attempts).
     */
    public static Tracing using(OpenTelemetry openTelemetry) {
        if (openTelemetry == null) {
            throw new IllegalArgumentException("openTelemetry is null: pass the application's OpenTelemetry instance");
        }
        Tracer t = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        return new OpenTelemetryTracing(() -> t, false);
    }

    /**
     * Spans from {@link GlobalOpenTelemetry}, only inside a valid current span. Outside one, the global
     * instance is not even looked up: {@code GlobalOpenTelemetry.get()} would freeze it to no-op before the
     * application registers its SDK.
     */
    public static Tracing globalWhenActive() {
        return new OpenTelemetryTracing(() -> GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE), true);
    }

    @Override
    public SendTrace beginSend(String provider, IdSource ids) {
        Context current = Context.current();
        boolean active = Span.fromContext(current).getSpanContext().isValid();
        if (!active && onlyUnderActiveSpan) {
            return fallback.beginSend(provider, ids);
        }
        Tracer t = tracer.get();
        String name = "email send " + provider;
        Span root = null;
        Context parent = current;
        if (!active) {
            root = t.spanBuilder(name).setSpanKind(SpanKind.INTERNAL).setParent(current)
                    .setAttribute(PROVIDER, provider).startSpan();
            if (!root.getSpanContext().isValid()) {
                return fallback.beginSend(provider, ids); // a no-op OpenTelemetry: nothing to trace into
            }
            parent = current.with(root);
        }
        return new OtelSendTrace(t, name, provider, parent, root, MdcTracing.mdcTransactionId(), fallback.beginSend(provider, ids));
    }

    private record OtelSendTrace(Tracer tracer, String name, String provider, Context parent, Span root,
            String transactionId, SendTrace fallback) implements SendTrace {

        @Override
        public AttemptTrace startAttempt(int number) {
            Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(parent)
                    .setAttribute(PROVIDER, provider).setAttribute(ATTEMPT, (long) number).startSpan();
            SpanContext sc = span.getSpanContext();
            if (!sc.isValid()) {
                return fallback.startAttempt(number);
            }
            return new OtelAttempt(span, sc, transactionId);
        }

        @Override
        public void end() {
            if (root != null) {
                root.end();
            }
        }
    }

    private record OtelAttempt(Span span, SpanContext context, String transactionId) implements AttemptTrace {

        @Override
        public String traceId() {
            return context.getTraceId();
        }

        @Override
        public String spanId() {
            return context.getSpanId();
        }

        @Override
        public Scope makeCurrent() {
            io.opentelemetry.context.Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public void end(AttemptResult result, int retryCount) {
            if (result != null) {
                if (result.serverAddress() != null) {
                    span.setAttribute(SERVER_ADDRESS, result.serverAddress());
                }
                if (result.serverPort() != null) {
                    span.setAttribute(SERVER_PORT, (long) result.serverPort());
                }
                if (result.httpStatus() != null) {
                    span.setAttribute(HTTP_STATUS, (long) result.httpStatus());
                }
                if (result.smtpReplyCode() != null) {
                    span.setAttribute(SMTP_REPLY_CODE, (long) result.smtpReplyCode());
                }
                if (result.errorCategory() != null) {
                    span.setAttribute(ERROR_TYPE, result.errorCategory().value());
                }
                if (result.outcome() != Outcome.SUCCESS) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            if (retryCount > 0) {
                span.setAttribute(RETRY_COUNT, (long) retryCount);
            }
            span.end();
        }
    }
}
