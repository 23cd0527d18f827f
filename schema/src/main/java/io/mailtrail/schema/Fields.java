package io.mailtrail.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.mailtrail.schema.Dataset.ALERTS;
import static io.mailtrail.schema.Dataset.CALLS;
import static io.mailtrail.schema.Dataset.DELIVERY;
import static io.mailtrail.schema.FieldType.BOOLEAN;
import static io.mailtrail.schema.FieldType.DATE;
import static io.mailtrail.schema.FieldType.KEYWORD;
import static io.mailtrail.schema.FieldType.KEYWORD_OBJECT;
import static io.mailtrail.schema.FieldType.LONG;
import static io.mailtrail.schema.FieldType.SOURCE_ONLY_KEYWORD;
import static io.mailtrail.schema.FieldType.TEXT;

/**
 * The field catalog: every field a mailtrail event may carry, defined once. The tracker writes these
 * names, the index templates map them (a test compares), the README documents them (a test compares), and
 * the dashboards and watches read them (tests check they name only catalog fields).
 *
 * <p>ECS where ECS has the field (ECS 9.4.0); mailtrail's own under {@code mailtrail.*}.
 */
public final class Fields {

    /** Every field ECS lacks lives under this prefix. */
    public static final String CUSTOM_PREFIX = "mailtrail.";

    private static final Map<String, Field> CATALOG = new LinkedHashMap<>();
    /** The tracker's two datasets. */
    private static final Set<Dataset> BOTH = EnumSet.of(CALLS, DELIVERY);
    /** The tracker's datasets and the alert engine's history. */
    private static final Set<Dataset> ALL = EnumSet.allOf(Dataset.class);
    private static final Set<Dataset> CALL = EnumSet.of(CALLS);
    private static final Set<Dataset> CALL_ALERT = EnumSet.of(CALLS, ALERTS);
    private static final Set<Dataset> DELIV = EnumSet.of(DELIVERY);
    private static final Set<Dataset> ALERT = EnumSet.of(ALERTS);

    // ---- ECS base, log, service, host
    public static final Field TIMESTAMP = ecs("@timestamp", DATE, "date", ALL, "When the call started (calls), the provider event happened (delivery) or the watch was executed (alerts).", "\"2026-11-27T10:15:30.123Z\"");
    public static final Field MESSAGE = ecs("message", TEXT, "match_only_text", ALL, "Human-readable summary of the event.", "\"sendgrid send failure: rate_limited (HTTP 429)\"");
    public static final Field LABELS = ecs("labels", KEYWORD_OBJECT, "object", BOTH, "Custom keyword labels given by the application; no personal data.", "{\"campaign\":\"welcome\"}");
    public static final Field ECS_VERSION = ecs("ecs.version", KEYWORD, "keyword", BOTH, "ECS version the event conforms to.", "\"9.4.0\"");
    public static final Field LOG_LEVEL = ecs("log.level", KEYWORD, "keyword", BOTH, "Log level of the event.", "\"INFO\"");
    public static final Field LOG_LOGGER = ecs("log.logger", KEYWORD, "keyword", BOTH, "Logger that wrote the event.", "\"mailtrail.calls\"");
    public static final Field SERVICE_NAME = ecs("service.name", KEYWORD, "keyword", BOTH, "The application that sends the email.", "\"billing\"");
    public static final Field SERVICE_VERSION = ecs("service.version", KEYWORD, "keyword", BOTH, "Version of that application.", "\"2.3.1\"");
    public static final Field SERVICE_ENVIRONMENT = ecs("service.environment", KEYWORD, "keyword", BOTH, "Deployment environment of that application.", "\"production\"");
    public static final Field HOST_NAME = ecs("host.name", KEYWORD, "keyword", BOTH, "Host the application runs on.", "\"app-7f9c\"");
    public static final Field PROCESS_THREAD_NAME = ecs("process.thread.name", KEYWORD, "keyword", BOTH, "Thread that logged the event (written by the appender's encoder).", "\"http-nio-8080-exec-3\"");
    public static final Field TAGS = ecs("tags", KEYWORD, "keyword", BOTH, "Markers set by the pipeline: `message_truncated` when the appender cut a huge message, `mailtrail_event_incomplete` when the tracker could not compute all fields of a call event.", "[\"message_truncated\"]");

    // ---- ECS event
    public static final Field EVENT_KIND = ecs("event.kind", KEYWORD, "keyword", BOTH, "Always `event`.", "\"event\"");
    public static final Field EVENT_CATEGORY = ecs("event.category", KEYWORD, "keyword", BOTH, "Always `[\"email\"]`.", "[\"email\"]");
    public static final Field EVENT_TYPE = ecs("event.type", KEYWORD, "keyword", BOTH, "`[\"info\"]` (the only type ECS expects with category email).", "[\"info\"]");
    public static final Field EVENT_ACTION = ecs("event.action", KEYWORD, "keyword", ALL, "`email-send` for calls; the common delivery status for delivery events; for alert executions what the execution did: `executed`, `execution_not_needed`, `throttled`, `failed` or `not_evaluable`.", "\"email-send\"");
    public static final Field EVENT_OUTCOME = ecs("event.outcome", KEYWORD, "keyword", ALL, "`success`, `failure`, or `unknown` (e.g. a read timeout whose result is unknown); for alert executions `failure` when the execution or one of its actions failed.", "\"failure\"");
    public static final Field EVENT_DURATION = ecs("event.duration", LONG, "long", CALL_ALERT, "Duration of the attempt (alerts: of the engine's own work for the execution) in nanoseconds.", "184000000");
    public static final Field EVENT_DATASET = ecs("event.dataset", KEYWORD, "keyword", ALL, "`mailtrail.calls`, `mailtrail.delivery` or `mailtrail.alerts`; equals `data_stream.dataset`.", "\"mailtrail.calls\"");
    public static final Field EVENT_PROVIDER = ecs("event.provider", KEYWORD, "keyword", DELIV, "The provider that reported a delivery event.", "\"ses\"");
    public static final Field EVENT_REASON = ecs("event.reason", KEYWORD, "keyword", DELIV, "Why the provider reports this status (bounce or complaint text, redacted).", "\"smtp; 550 5.1.1 user unknown\"");
    public static final Field EVENT_ID = ecs("event.id", KEYWORD, "keyword", BOTH, "Unique id of the event (also the document `_id` when shipped by the mailtrail appender).", "\"8f14e45f-ceea-467f-a0e6-3c1f5e8a2b10\"");

    // ---- ECS error
    public static final Field ERROR_TYPE = ecs("error.type", KEYWORD, "keyword", CALL, "Exception class or provider error type.", "\"java.net.SocketTimeoutException\"");
    public static final Field ERROR_CODE = ecs("error.code", KEYWORD, "keyword", BOTH, "Raw code: HTTP status, SMTP reply code or the provider's own error code.", "\"429\"");
    public static final Field ERROR_MESSAGE = ecs("error.message", TEXT, "match_only_text", ALL, "Error message (redacted); for alert executions why the execution failed.", "\"Too many requests\"");
    public static final Field ERROR_STACK_TRACE = ecs("error.stack_trace", TEXT, "wildcard", CALL, "Stack trace of the exception, capped.", "\"java.net.SocketTimeoutException: Read timed out\\n\\tat ...\"");

    // ---- ECS email, http, url, destination
    public static final Field EMAIL_MESSAGE_ID = ecs("email.message_id", KEYWORD, "wildcard", BOTH, "Provider's message id, normalised (no angle brackets); correlates calls and delivery events.", "\"0100018c-1b2c-4d5e@email.amazonses.com\"");
    public static final Field EMAIL_LOCAL_ID = ecs("email.local_id", KEYWORD, "keyword", BOTH, "The application's own id for the message, if it has one.", "\"order-4711-receipt\"");
    public static final Field EMAIL_SUBJECT = ecs("email.subject", KEYWORD, "keyword", CALL, "Subject line; only when the privacy policy enables it (off by default).", "\"Your receipt\"");
    public static final Field EMAIL_FROM_ADDRESS = ecs("email.from.address", KEYWORD, "keyword", CALL, "Sender address (the application's own address; masked by the privacy policy if it is personal).", "[\"noreply@example.com\"]");
    public static final Field EMAIL_DELIVERY_TIMESTAMP = ecs("email.delivery_timestamp", DATE, "date", DELIV, "When the provider says the message was delivered.", "\"2026-11-27T10:15:32Z\"");
    public static final Field HTTP_REQUEST_METHOD = ecs("http.request.method", KEYWORD, "keyword", CALL, "HTTP method of an API call.", "\"POST\"");
    public static final Field HTTP_RESPONSE_STATUS_CODE = ecs("http.response.status_code", LONG, "long", CALL, "HTTP status of an API call.", "202");
    public static final Field URL_DOMAIN = ecs("url.domain", KEYWORD, "keyword", CALL, "Host of the provider API.", "\"api.sendgrid.com\"");
    public static final Field URL_PATH = ecs("url.path", KEYWORD, "wildcard", CALL, "Path of the provider API (no query string: it may hold secrets).", "\"/v3/mail/send\"");
    public static final Field DESTINATION_DOMAIN = ecs("destination.domain", KEYWORD, "keyword", CALL, "Host of the SMTP server or API endpoint called.", "\"email-smtp.eu-west-1.amazonaws.com\"");
    public static final Field DESTINATION_PORT = ecs("destination.port", LONG, "long", CALL, "Port of the server called.", "587");

    // ---- ECS tracing
    public static final Field TRACE_ID = ecs("trace.id", KEYWORD, "keyword", BOTH, "W3C trace id; all attempts of one logical send share it.", "\"4bf92f3577b34da6a3ce929d0e0e4736\"");
    public static final Field SPAN_ID = ecs("span.id", KEYWORD, "keyword", CALL, "Span id of the attempt.", "\"00f067aa0ba902b7\"");
    public static final Field TRANSACTION_ID = ecs("transaction.id", KEYWORD, "keyword", CALL, "Id of the enclosing transaction (APM), if any.", "\"a3ce929d0e0e4736\"");

    // ---- ECS data_stream
    public static final Field DATA_STREAM_TYPE = ecs("data_stream.type", KEYWORD, "constant_keyword", ALL, "Always `logs`.", "\"logs\"");
    public static final Field DATA_STREAM_DATASET = ecs("data_stream.dataset", KEYWORD, "constant_keyword", ALL, "`mailtrail.calls`, `mailtrail.delivery` or `mailtrail.alerts`.", "\"mailtrail.calls\"");
    public static final Field DATA_STREAM_NAMESPACE = ecs("data_stream.namespace", KEYWORD, "constant_keyword", ALL, "Namespace of the data stream, e.g. the environment.", "\"production\"");

    // ---- mailtrail: what ECS lacks
    public static final Field PROVIDER = custom("mailtrail.provider", KEYWORD, BOTH, "Email provider: `ses`, `sendgrid`, `mailgun`, `postmark`, `resend`, `smtp`, or a name of the application's choice.", "\"sendgrid\"");
    public static final Field TEMPLATE = custom("mailtrail.template", KEYWORD, BOTH, "Template or category of the email, as the application names it.", "\"password-reset\"");
    public static final Field TENANT = custom("mailtrail.tenant", KEYWORD, BOTH, "Tenant the email is sent for, when the application has tenants.", "\"acme\"");
    public static final Field SEND_ID = custom("mailtrail.send.id", KEYWORD, CALL, "Id of the logical send; all attempts of one send share it.", "\"c0a80101-7f3e-4b6a-9d1e-2f0c9b8e7a61\"");
    public static final Field ATTEMPT_NUMBER = custom("mailtrail.attempt.number", LONG, CALL, "Attempt number within the logical send, from 1.", "2");
    public static final Field ATTEMPT_FINAL = custom("mailtrail.attempt.final", BOOLEAN, CALL, "True on the last attempt of a logical send: its outcome is the send's outcome.", "true");
    public static final Field RETRY_DELAY = custom("mailtrail.retry.delay_ms", LONG, CALL, "Delay waited before this attempt, in milliseconds (0 for the first).", "1200");
    public static final Field ERROR_CATEGORY = custom("mailtrail.error.category", KEYWORD, BOTH, "Error category from mailtrail's taxonomy (see ErrorCategory); on delivery events, the cause of a bounce or rejection.", "\"rate_limited\"");
    public static final Field SUCCESS_COUNT = custom("mailtrail.success_count", LONG, CALL, "1 when the attempt succeeded, 0 otherwise (failure or unknown): its average is the success rate, with no script (as APM's `event.success_count`).", "1");
    public static final Field ERROR_RETRYABLE = custom("mailtrail.error.retryable", BOOLEAN, CALL, "Whether an attempt that failed this way may be retried.", "true");
    public static final Field SMTP_REPLY_CODE = custom("mailtrail.smtp.reply_code", LONG, BOTH, "Last SMTP reply code (RFC 5321).", "550");
    public static final Field SMTP_ENHANCED_STATUS = custom("mailtrail.smtp.enhanced_status", KEYWORD, BOTH, "SMTP enhanced status code (RFC 3463).", "\"5.1.1\"");
    public static final Field SMTP_RESPONSE = custom("mailtrail.smtp.response", KEYWORD, CALL, "Last SMTP server response line (redacted, CR/LF removed).", "\"250 2.0.0 Ok: queued as 4FQ2\"");
    public static final Field RECIPIENT_COUNT = custom("mailtrail.recipient.count", LONG, CALL, "Number of recipients (to, cc and bcc).", "3");
    public static final Field RECIPIENT_DOMAIN = custom("mailtrail.recipient.domain", KEYWORD, BOTH, "Recipient domains, lowercased, without duplicates.", "[\"gmail.com\",\"example.org\"]");
    public static final Field RECIPIENT_HASH = custom("mailtrail.recipient.hash", KEYWORD, BOTH, "Keyed HMAC-SHA256 of each recipient address (only with a configured key).", "[\"9f86d081884c7d65...\"]");
    public static final Field RATE_LIMIT_REMAINING = custom("mailtrail.rate_limit.remaining", LONG, CALL, "Requests left in the provider's rate-limit window, from its headers.", "57");
    public static final Field RETRY_AFTER = custom("mailtrail.rate_limit.retry_after_ms", LONG, CALL, "Wait the provider asked for (Retry-After or reset header), in milliseconds.", "2000");
    public static final Field DELIVERY_STATUS = custom("mailtrail.delivery.status", KEYWORD, DELIV, "Common delivery status (see DeliveryStatus).", "\"bounced_hard\"");
    public static final Field BOUNCE_TYPE = custom("mailtrail.delivery.bounce_type", KEYWORD, DELIV, "`hard`, `soft` or `undetermined` for bounces.", "\"hard\"");
    public static final Field BOUNCE_COUNT = custom("mailtrail.delivery.bounce_count", LONG, DELIV, "1 on a hard bounce, 0 on a delivery, absent otherwise: its average is the bounce rate (hard bounces / (delivered + hard bounces)), with no script.", "0");
    public static final Field COMPLAINT_COUNT = custom("mailtrail.delivery.complaint_count", LONG, DELIV, "1 on a complaint, 0 on a delivery, absent otherwise: its average is the complaint rate (complaints / (delivered + complaints)), with no script.", "0");
    public static final Field PROVIDER_EVENT = custom("mailtrail.delivery.provider_event", KEYWORD, DELIV, "The provider's own name for the event, unchanged.", "\"Bounce\"");
    public static final Field HTTP_REQUEST_ID = ecs("http.request.id", KEYWORD, "keyword", CALL, "The provider's id of the API request (AWS `x-amzn-RequestId`), what its support asks for.", "\"4d6f1c2a-9b1e-4a57-8c0f-0a1b2c3d4e5f\"");


    // ---- mailtrail alert engine: its history, one document per execution of a watch (logs-mailtrail.alerts-*)
    public static final Field ALERT_WATCH_ID = custom("mailtrail.alert.watch_id", KEYWORD, ALERT, "The watch that was executed.", "\"mailtrail-success-rate\"");
    public static final Field ALERT_EXECUTION_ID = custom("mailtrail.alert.execution_id", KEYWORD, ALERT, "Id of the execution (Watcher's `ctx.id`); the Message-ID of its emails is `<action id>_<execution id>`.", "\"mailtrail-success-rate_0b4e7c2a-5d1f-4c3e-9a8b-6f2d1e0c9b7a-2026-11-27T10:15:00.000Z\"");
    public static final Field ALERT_SCHEDULED_TIME = custom("mailtrail.alert.scheduled_time", DATE, ALERT, "The trigger's scheduled time, which the watch's search windows are anchored on.", "\"2026-11-27T10:15:00.000Z\"");
    public static final Field ALERT_CONDITION_MET = custom("mailtrail.alert.condition_met", BOOLEAN, ALERT, "Whether the watch's condition was met; absent when it could not be evaluated.", "true");
    public static final Field ALERT_VALUES = custom("mailtrail.alert.values", SOURCE_ONLY_KEYWORD, ALERT, "The values the condition compared (Watcher's `resolved_values`), as a JSON string; kept in `_source`, not indexed.", "\"{\\\"ctx.payload.aggregations.rate.value\\\":0.71}\"");
    public static final Field ALERT_SEARCH_TOOK = custom("mailtrail.alert.search_took_ms", LONG, ALERT, "The cluster's `took` of the watch's search input, in milliseconds.", "12");
    public static final Field ALERT_ACTIONS_EXECUTED = custom("mailtrail.alert.actions.executed", KEYWORD, ALERT, "Ids of the actions that ran (emails sent); absent when none did.", "[\"email_oncall\"]");
    public static final Field ALERT_ACTIONS_THROTTLED = custom("mailtrail.alert.actions.throttled", KEYWORD, ALERT, "Ids of the actions skipped by their throttle period or an acknowledgement.", "[\"email_oncall\"]");
    public static final Field ALERT_ACTIONS_FAILED = custom("mailtrail.alert.actions.failed", KEYWORD, ALERT, "Ids of the actions that failed (e.g. SMTP unreachable).", "[\"email_oncall\"]");
    public static final Field ALERT_STATE = custom("mailtrail.alert.state", SOURCE_ONLY_KEYWORD, ALERT, "The actions' ack state and last executions after this execution, as a JSON string: what a restarted engine resumes from; kept in `_source`, not indexed.", "\"{\\\"email_oncall\\\":{\\\"ack\\\":\\\"ackable\\\"}}\"");

    private Fields() {
    }

    /** Every field, in catalog order. */
    public static List<Field> all() {
        return Collections.unmodifiableList(new ArrayList<>(CATALOG.values()));
    }

    /** The fields events of a dataset may carry. */
    public static List<Field> of(Dataset dataset) {
        return CATALOG.values().stream().filter(f -> f.datasets().contains(dataset)).toList();
    }

    /** The field with this dotted name, if the catalog has it. */
    public static Optional<Field> byName(String name) {
        return Optional.ofNullable(CATALOG.get(name));
    }

    private static Field ecs(String name, FieldType type, String ecsType, Set<Dataset> datasets, String description, String example) {
        return register(new Field(name, type, ecsType, datasets, description, example));
    }

    private static Field custom(String name, FieldType type, Set<Dataset> datasets, String description, String example) {
        if (!name.startsWith(CUSTOM_PREFIX)) {
            throw new IllegalStateException("custom field outside " + CUSTOM_PREFIX + "*: " + name);
        }
        return register(new Field(name, type, null, datasets, description, example));
    }

    private static Field register(Field field) {
        if (CATALOG.putIfAbsent(field.name(), field) != null) {
            throw new IllegalStateException("field defined twice: " + field.name());
        }
        return field;
    }
}
