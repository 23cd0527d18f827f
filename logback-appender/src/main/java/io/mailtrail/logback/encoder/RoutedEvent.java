package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import io.mailtrail.logback.route.Route;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A logging event with what the appender decided for it: its document id and its data stream. Lets
 * {@link EnvelopeJsonProvider} write {@code event.id} and {@code data_stream.*} that match the bulk action.
 */
public final class RoutedEvent implements ILoggingEvent {

    private final ILoggingEvent event;
    private final String id;
    private final Route route;

    public RoutedEvent(ILoggingEvent event, String id, Route route) {
        this.event = event;
        this.id = id;
        this.route = route;
    }

    public String id() {
        return id;
    }

    public Route route() {
        return route;
    }

    public ILoggingEvent event() {
        return event;
    }

    @Override public String getThreadName() { return event.getThreadName(); }
    @Override public Level getLevel() { return event.getLevel(); }
    @Override public String getMessage() { return event.getMessage(); }
    @Override public Object[] getArgumentArray() { return event.getArgumentArray(); }
    @Override public String getFormattedMessage() { return event.getFormattedMessage(); }
    @Override public String getLoggerName() { return event.getLoggerName(); }
    @Override public LoggerContextVO getLoggerContextVO() { return event.getLoggerContextVO(); }
    @Override public IThrowableProxy getThrowableProxy() { return event.getThrowableProxy(); }
    @Override public StackTraceElement[] getCallerData() { return event.getCallerData(); }
    @Override public boolean hasCallerData() { return event.hasCallerData(); }
    @Override public Marker getMarker() { return event.getMarker(); }
    @Override public List<Marker> getMarkerList() { return event.getMarkerList(); }
    @Override public Map<String, String> getMDCPropertyMap() { return event.getMDCPropertyMap(); }
    @SuppressWarnings("deprecation")
    @Override public Map<String, String> getMdc() { return event.getMdc(); }
    @Override public long getTimeStamp() { return event.getTimeStamp(); }
    @Override public int getNanoseconds() { return event.getNanoseconds(); }
    @Override public Instant getInstant() { return event.getInstant(); }
    @Override public long getSequenceNumber() { return event.getSequenceNumber(); }
    @Override public List<KeyValuePair> getKeyValuePairs() { return event.getKeyValuePairs(); }
    @Override public void prepareForDeferredProcessing() { event.prepareForDeferredProcessing(); }
}
