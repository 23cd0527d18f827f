package io.mailtrail.tracker.event;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Fields;
import io.mailtrail.schema.Outcome;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.IdSource;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.privacy.RecipientSummary;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one call event per attempt to logger {@code mailtrail.calls}: INFO on success, WARN otherwise,
 * every value passed through the privacy policy. The calling thread only decides the level, draws the event
 * id and writes the message; the key-value pairs (redaction, recipient hashes) are computed when an appender
 * first reads them ({@link DeferredPairs}), which an asynchronous appender does on its own thread.
 * Thread-safe.
 */
public final class CallEventLogger {

    private final Logger logger;
    private final PrivacyPolicy privacy;
    private final IdSource ids;
    private final String serviceName;
    private final CommonPairs common = new CommonPairs(Dataset.CALLS);

    public CallEventLogger(ILoggerFactory loggers, PrivacyPolicy privacy, IdSource ids, String serviceName) {
        this.logger = loggers.getLogger(Dataset.CALLS.loggerName());
        this.privacy = privacy;
        this.ids = ids;
        this.serviceName = serviceName;
    }

    public void log(CallEvent e) {
        AttemptResult r = e.result();
        Level level = r.outcome() == Outcome.SUCCESS ? Level.INFO : Level.WARN;
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        // ids are drawn now, so that whichever thread computes the pairs, and however often, they agree
        String eventId = ids.newId();
        String provider = privacy.redactLine(e.email().provider());
        KeyValueEvent.log(logger, level, message(provider, r, e.attempt()),
                new DeferredPairs(() -> pairsOrMinimal(e, eventId, provider)));
    }

    /**
     * The pairs, computed on whichever thread first reads them. A failure there must not lose the event, nor
     * reach an appender's thread: the event then carries what cannot fail, tagged.
     */
    private List<KeyValuePair> pairsOrMinimal(CallEvent e, String eventId, String provider) {
        try {
            return pairs(e, eventId, provider);
        } catch (RuntimeException problem) {
            return new EventBuilder()
                    .common(common, e.start(), eventId, EventValues.ACTION_SEND)
                    .put(Fields.EVENT_OUTCOME, e.result().outcome().value())
                    .put(Fields.SUCCESS_COUNT, e.result().outcome() == Outcome.SUCCESS ? 1L : 0L)
                    .put(Fields.EVENT_DURATION, e.durationNanos())
                    .put(Fields.SEND_ID, e.sendId())
                    .put(Fields.TAGS, List.of(EventValues.TAG_EVENT_INCOMPLETE))
                    .pairs();
        }
    }

    private List<KeyValuePair> pairs(CallEvent e, String eventId, String provider) {
        AttemptResult r = e.result();
        Email email = e.email();
        EventBuilder b = new EventBuilder()
                .common(common, e.start(), eventId, EventValues.ACTION_SEND);
        b.put(Fields.EVENT_OUTCOME, r.outcome().value())
                .put(Fields.SUCCESS_COUNT, r.outcome() == Outcome.SUCCESS ? 1L : 0L)
                .put(Fields.EVENT_DURATION, e.durationNanos())
                .put(Fields.SERVICE_NAME, serviceName)
                .put(Fields.PROVIDER, provider)
                .put(Fields.TEMPLATE, privacy.redactLine(email.template()))
                .put(Fields.TENANT, privacy.redactLine(email.tenant()))
                .put(Fields.LABELS, labels(email.labels()))
                .put(Fields.EMAIL_LOCAL_ID, privacy.redactLine(email.localId()))
                .put(Fields.EMAIL_MESSAGE_ID, r.messageId())
                .put(Fields.SEND_ID, e.sendId())
                .put(Fields.ATTEMPT_NUMBER, (long) e.attempt())
                .put(Fields.ATTEMPT_FINAL, e.finalAttempt())
                .put(Fields.RETRY_DELAY, e.delayMillis())
                .put(Fields.TRACE_ID, e.traceId())
                .put(Fields.SPAN_ID, e.spanId())
                .put(Fields.TRANSACTION_ID, e.transactionId());
        if (privacy.logsSubject()) {
            b.put(Fields.EMAIL_SUBJECT, privacy.redactLine(email.subject()));
        }
        String from = privacy.senderAddress(email.from());
        if (from != null) {
            b.put(Fields.EMAIL_FROM_ADDRESS, List.of(from));
        }
        RecipientSummary recipients = privacy.recipients(email.recipients());
        b.put(Fields.RECIPIENT_COUNT, (long) recipients.count())
                .put(Fields.RECIPIENT_DOMAIN, recipients.domains())
                .put(Fields.RECIPIENT_HASH, recipients.hashes());
        protocol(b, r);
        error(b, r, e.error());
        return b.pairs();
    }

    private void protocol(EventBuilder b, AttemptResult r) {
        b.put(Fields.HTTP_REQUEST_METHOD, r.httpMethod())
                .put(Fields.HTTP_RESPONSE_STATUS_CODE, r.httpStatus() == null ? null : (long) r.httpStatus())
                .put(Fields.HTTP_REQUEST_ID, privacy.redactLine(r.requestId()))
                .put(Fields.URL_DOMAIN, r.urlDomain())
                .put(Fields.URL_PATH, privacy.redactLine(r.urlPath()))
                .put(Fields.DESTINATION_DOMAIN, r.serverAddress())
                .put(Fields.DESTINATION_PORT, r.serverPort() == null ? null : (long) r.serverPort())
                .put(Fields.SMTP_REPLY_CODE, r.smtpReplyCode() == null ? null : (long) r.smtpReplyCode())
                .put(Fields.SMTP_ENHANCED_STATUS, r.smtpEnhancedStatus())
                .put(Fields.SMTP_RESPONSE, privacy.redactLine(r.smtpResponse()))
                .put(Fields.RATE_LIMIT_REMAINING, r.rateLimitRemaining())
                .put(Fields.RETRY_AFTER, r.retryAfter() == null ? null : r.retryAfter().toMillis());
    }

    private void error(EventBuilder b, AttemptResult r, Throwable error) {
        if (r.outcome() == Outcome.SUCCESS) {
            return;
        }
        b.put(Fields.ERROR_CATEGORY, r.errorCategory() == null ? null : r.errorCategory().value())
                .put(Fields.ERROR_RETRYABLE, r.retryable())
                .put(Fields.ERROR_CODE, r.errorCode());
        String message = r.errorMessage() != null ? r.errorMessage() : error == null ? null : error.getMessage();
        b.put(Fields.ERROR_MESSAGE, privacy.redactLine(message));
        if (error != null) {
            b.put(Fields.ERROR_TYPE, error.getClass().getName());
            if (privacy.logsStackTraces()) {
                b.put(Fields.ERROR_STACK_TRACE, privacy.redactStackTrace(StackTraces.compact(error)));
            }
        }
    }

    /** The labels as they are (Email's map is immutable) unless redaction changes one: most never hold anything to redact. */
    private Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> safe = null;
        int seen = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = privacy.redactLine(label.getKey());
            String value = privacy.redactLine(label.getValue());
            if (safe == null && (key != label.getKey() || value != label.getValue())) {
                safe = new LinkedHashMap<>(labels.size() * 2);
                for (Map.Entry<String, String> unchanged : labels.entrySet()) {
                    if (safe.size() == seen) {
                        break;
                    }
                    safe.put(unchanged.getKey(), unchanged.getValue());
                }
            }
            if (safe != null) {
                safe.put(key, value);
            }
            seen++;
        }
        return safe == null ? labels : safe;
    }

    private static String message(String provider, AttemptResult r, int attempt) {
        StringBuilder m = new StringBuilder(64).append(provider).append(" send ").append(r.outcome().value());
        if (r.errorCategory() != null) {
            m.append(": ").append(r.errorCategory().value());
        }
        if (r.httpStatus() != null) {
            m.append(" (HTTP ").append(r.httpStatus()).append(')');
        } else if (r.smtpReplyCode() != null) {
            m.append(" (SMTP ").append(r.smtpReplyCode()).append(')');
        }
        if (attempt > 1) {
            m.append(", attempt ").append(attempt);
        }
        return m.toString();
    }
}
