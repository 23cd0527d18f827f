package io.mailtrail.tracker.trace;

import io.mailtrail.schema.Fields;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.IdSource;
import org.slf4j.MDC;

/**
 * Trace ids without spans: taken from the MDC when an agent put them there, else fresh per send; each
 * attempt gets a fresh span id.
 */
final class MdcTracing implements Tracing {

    /** The Elastic APM agent writes ECS names into the MDC. */
    private static final String ELASTIC_TRACE_ID = Fields.TRACE_ID.name();
    private static final String ELASTIC_TRANSACTION_ID = Fields.TRANSACTION_ID.name();
    /** The OpenTelemetry agent's logback-mdc instrumentation (default key). */
    private static final String OTEL_TRACE_ID = "trace_id";

    @Override
    public SendTrace beginSend(String provider, IdSource ids) {
        String traceId = TraceIds.normalise(MDC.get(ELASTIC_TRACE_ID), 32);
        if (traceId == null) {
            traceId = TraceIds.normalise(MDC.get(OTEL_TRACE_ID), 32);
        }
        if (traceId == null) {
            traceId = ids.newTraceId();
        }
        String transactionId = TraceIds.normalise(MDC.get(ELASTIC_TRANSACTION_ID), 16);
        return new IdsOnly(traceId, transactionId, ids);
    }

    /** Elastic APM's transaction id from the MDC, or null. */
    static String mdcTransactionId() {
        return TraceIds.normalise(MDC.get(ELASTIC_TRANSACTION_ID), 16);
    }

    private record IdsOnly(String traceId, String transactionId, IdSource ids) implements SendTrace {
        @Override
        public AttemptTrace startAttempt(int number) {
            String spanId = ids.newSpanId();
            return new AttemptTrace() {
                @Override
                public String traceId() {
                    return traceId;
                }

                @Override
                public String spanId() {
                    return spanId;
                }

                @Override
                public String transactionId() {
                    return transactionId;
                }

                @Override
                public Scope makeCurrent() {
                    return Scope.NOOP;
                }

                @Override
                public void end(AttemptResult result, int retryCount) {
                    // no span to end
                }
            };
        }

        @Override
        public void end() {
            // nothing opened
        }
    }
}
