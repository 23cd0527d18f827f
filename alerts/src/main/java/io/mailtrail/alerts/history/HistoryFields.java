package io.mailtrail.alerts.history;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;

/**
 * The alert engine's own fields in its history data stream ({@code logs-mailtrail.alerts-<namespace>}), beside
 * the catalog fields it reuses ({@code @timestamp}, {@code event.action}, {@code event.outcome}, {@code event.duration},
 * {@code message}, {@code error.message}, {@code data_stream.*}). Defined once in the schema catalog
 * ({@code io.mailtrail.schema.Fields.ALERT_*}, dataset {@link Dataset#ALERTS}), whose templates map them; these
 * names are the catalog's, kept here for the engine's code and its tests.
 */
public final class HistoryFields {

    /** The watch that ran. */
    public static final String WATCH_ID = Fields.ALERT_WATCH_ID.name();
    /** The execution id ({@code ctx.id}), also in the Message-ID of its emails. */
    public static final String EXECUTION_ID = Fields.ALERT_EXECUTION_ID.name();
    /** The scheduled time the watch's windows are anchored on. */
    public static final String SCHEDULED_TIME = Fields.ALERT_SCHEDULED_TIME.name();
    /** Whether the condition was met (absent when it could not be evaluated). */
    public static final String CONDITION_MET = Fields.ALERT_CONDITION_MET.name();
    /** The values the condition compared, as JSON (Watcher's {@code resolved_values}); kept in _source only. */
    public static final String VALUES = Fields.ALERT_VALUES.name();
    /** The cluster's {@code took} of the watch's search, in milliseconds. */
    public static final String SEARCH_TOOK = Fields.ALERT_SEARCH_TOOK.name();
    /** The actions that ran (emails sent). */
    public static final String ACTIONS_EXECUTED = Fields.ALERT_ACTIONS_EXECUTED.name();
    /** The actions skipped by their throttle period or an ack. */
    public static final String ACTIONS_THROTTLED = Fields.ALERT_ACTIONS_THROTTLED.name();
    /** The actions that failed (e.g. SMTP unreachable). */
    public static final String ACTIONS_FAILED = Fields.ALERT_ACTIONS_FAILED.name();
    /** The actions' throttle/ack state after the execution, as JSON; a restarted engine resumes from it. Kept in _source only. */
    public static final String STATE = Fields.ALERT_STATE.name();

    private HistoryFields() {
    }
}
