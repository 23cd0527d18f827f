package io.mailtrail.tracker.trace;

import io.mailtrail.tracker.IdSource;

/**
 * Where the trace ids of a send come from, and whether attempts become spans. Implementations are
 * thread-safe and never throw into the send path (the tracker guards them anyway).
 */
public interface Tracing {

    /** Starts the trace of one logical send; its attempts share one trace id. Call on the caller's thread. */
    SendTrace beginSend(String provider, IdSource ids);

    /**
     * The default: with {@code opentelemetry-api} on the class path and a valid current span (an agent or
     * the application's SDK is tracing this request), each attempt becomes a CLIENT span of the global
     * OpenTelemetry; otherwise ids come from the MDC (Elastic APM agent {@code trace.id}/{@code transaction.id},
     * OpenTelemetry agent {@code trace_id}), else a fresh W3C trace id per send.
     */
    static Tracing auto() {
        return OptionalOpenTelemetry.globalOrMdc();
    }

    /** Ids from the MDC or fresh; never opens spans, never touches OpenTelemetry. */
    static Tracing mdcOnly() {
        return new MdcTracing();
    }
}
