package io.mailtrail.tracker.event;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.List;

/**
 * One mailtrail event as SLF4J 2 hands it to a logging backend that accepts whole events
 * ({@link org.slf4j.spi.LoggingEventAware}: Logback, Log4j 2). It is what SLF4J's fluent builder would
 * build, except that its key-value list is sized for an event's 25–45 pairs up front instead of growing from
 * four, may share immutable pairs between events, and may be computed later ({@link DeferredPairs}): this
 * runs on every tracked call.
 */
final class KeyValueEvent implements LoggingEvent {

    /**
     * Logs the pairs with the message: whole when the logger accepts whole events, which is what SLF4J's
     * fluent API ends up doing with Logback and Log4j 2 anyway; through the fluent API otherwise (the pairs
     * are then read now).
     */
    static void log(Logger logger, Level level, String message, List<KeyValuePair> pairs) {
        if (logger instanceof LoggingEventAware backend) {
            backend.log(new KeyValueEvent(logger.getName(), level, message, pairs, System.currentTimeMillis()));
            return;
        }
        LoggingEventBuilder fluent = logger.atLevel(level);
        for (KeyValuePair pair : pairs) {
            fluent.addKeyValue(pair.key, pair.value);
        }
        fluent.setMessage(message).log();
    }

    private final String loggerName;
    private final Level level;
    private final String message;
    private final List<KeyValuePair> pairs;
    private final long timeStamp;
    private final String threadName;

    private KeyValueEvent(String loggerName, Level level, String message, List<KeyValuePair> pairs, long timeStamp) {
        this.loggerName = loggerName;
        this.level = level;
        this.message = message;
        this.pairs = pairs;
        this.timeStamp = timeStamp;
        this.threadName = Thread.currentThread().getName();
    }

    @Override
    public Level getLevel() {
        return level;
    }

    @Override
    public String getLoggerName() {
        return loggerName;
    }

    @Override
    public String getMessage() {
        return message;
    }

    /** None: the message is final text, so a backend never formats it. */
    @Override
    public List<Object> getArguments() {
        return null;
    }

    @Override
    public Object[] getArgumentArray() {
        return null;
    }

    @Override
    public List<Marker> getMarkers() {
        return null;
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return pairs;
    }

    /** None: the error of a call travels as {@code error.*} pairs, already redacted. */
    @Override
    public Throwable getThrowable() {
        return null;
    }

    @Override
    public long getTimeStamp() {
        return timeStamp;
    }

    @Override
    public String getThreadName() {
        return threadName;
    }

    /** Caller data (Logback's {@code %caller}) then points at the tracker code that logged the event. */
    @Override
    public String getCallerBoundary() {
        return KeyValueEvent.class.getName();
    }
}
