package io.mailtrail.tracker.event;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Key-value pairs of one event, keyed by catalog fields only; null and empty values are left out so that an
 * event never carries a field it has nothing to say about.
 */
final class EventBuilder {

    private static final List<String> CATEGORY = List.of(EventValues.CATEGORY);
    private static final List<String> TYPE = List.of(EventValues.TYPE);

    private final LoggingEventBuilder log;

    EventBuilder(LoggingEventBuilder log) {
        this.log = log;
    }

    /** The fields every mailtrail event carries. */
    EventBuilder common(Dataset dataset, Instant timestamp, String eventId, String action) {
        put(Fields.TIMESTAMP, Timestamps.iso(timestamp));
        put(Fields.ECS_VERSION, EventValues.ECS_VERSION);
        put(Fields.EVENT_KIND, EventValues.KIND);
        put(Fields.EVENT_CATEGORY, CATEGORY);
        put(Fields.EVENT_TYPE, TYPE);
        put(Fields.EVENT_ACTION, action);
        put(Fields.EVENT_DATASET, dataset.datasetName());
        put(Fields.DATA_STREAM_DATASET, dataset.datasetName());
        put(Fields.EVENT_ID, eventId);
        return this;
    }

    EventBuilder put(Field field, Object value) {
        if (value == null) {
            return this;
        }
        if (value instanceof String s && s.isEmpty()) {
            return this;
        }
        if (value instanceof List<?> l && l.isEmpty()) {
            return this;
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return this;
        }
        log.addKeyValue(field.name(), value);
        return this;
    }

    void log(String message) {
        log.setMessage(message).log();
    }
}
