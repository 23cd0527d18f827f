package io.mailtrail.alerts.history;

/**
 * The alert engine's own fields in its history data stream ({@code logs-mailtrail.alerts-<namespace>}), beside
 * the catalog fields it reuses ({@code @timestamp}, {@code event.action}, {@code event.outcome}, {@code event.duration},
 * {@code message}, {@code error.message}, {@code data_stream.*}). They are not in {@code io.mailtrail.schema.Fields}
 * yet: the catalog binds every field to a tracker dataset and its templates (see the alerts README).
 */
public final class HistoryFields {

    /** The watch that ran. */
    public static final String WATCH_ID = "mailtrail.alert.watch_id";
    /** The execution id ({@code ctx.id}), also in the Message-ID of its emails. */
    public static final String EXECUTION_ID = "mailtrail.alert.execution_id";
    /** The scheduled time the watch's windows are anchored on. */
    public static final String SCHEDULED_TIME = "mailtrail.alert.scheduled_time";
    /** Whether the condition was met (absent when it could not be evaluated). */
    public static final String CONDITION_MET = "mailtrail.alert.condition_met";
    /** The values the condition compared, as JSON (Watcher's {@code resolved_values}). */
    public static final String VALUES = "mailtrail.alert.values";
    /** The cluster's {@code took} of the watch's search, in milliseconds. */
    public static final String SEARCH_TOOK = "mailtrail.alert.search_took_ms";
    /** The actions that ran (emails sent). */
    public static final String ACTIONS_EXECUTED = "mailtrail.alert.actions.executed";
    /** The actions skipped by their throttle period or an ack. */
    public static final String ACTIONS_THROTTLED = "mailtrail.alert.actions.throttled";
    /** The actions that failed (e.g. SMTP unreachable). */
    public static final String ACTIONS_FAILED = "mailtrail.alert.actions.failed";
    /** The actions' throttle/ack state after the execution, as JSON; a restarted engine resumes from it. */
    public static final String STATE = "mailtrail.alert.state";

    private HistoryFields() {
    }
}
