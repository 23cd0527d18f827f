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

    private EventValues() {
    }
}
