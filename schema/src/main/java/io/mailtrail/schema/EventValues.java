package io.mailtrail.schema;

/** Constant values of the schema that are not enums. */
public final class EventValues {

    /** The ECS version events conform to ({@code ecs.version}). */
    public static final String ECS_VERSION = "9.4.0";
    /** {@code event.kind} of every mailtrail event. */
    public static final String KIND = "event";
    /** {@code event.category} of every mailtrail event. */
    public static final String CATEGORY = "email";
    /** {@code event.type} of every mailtrail event: ECS expects only {@code info} with category email. */
    public static final String TYPE = "info";
    /** {@code event.action} of a call event. */
    public static final String ACTION_SEND = "email-send";
    /** In {@code tags}: the appender cut the message at its {@code maxMessageChars}. */
    public static final String TAG_MESSAGE_TRUNCATED = "message_truncated";
    /**
     * In {@code tags}: the tracker could not compute all of a call event's fields (a bug to report); the event
     * still has its time, ids, outcome and duration.
     */
    public static final String TAG_EVENT_INCOMPLETE = "mailtrail_event_incomplete";

    private EventValues() {
    }
}
