package io.mailtrail.tracker.event;

import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Key-value pairs of one event, keyed by catalog fields only; null and empty values are left out so that an
 * event never carries a field it has nothing to say about.
 */
final class EventBuilder {

    /** The catalog has 63 fields; a call event uses 25–45 of them. Sized once, the list never grows. */
    private static final int EXPECTED_PAIRS = 48;

    private final List<KeyValuePair> pairs = new ArrayList<>(EXPECTED_PAIRS);

    /** The fields every mailtrail event carries: its own time, id and action, then those of its dataset. */
    EventBuilder common(CommonPairs common, Instant timestamp, String eventId, String action) {
        put(Fields.TIMESTAMP, Timestamps.iso(timestamp));
        put(Fields.EVENT_ACTION, action);
        put(Fields.EVENT_ID, eventId);
        pairs.addAll(common.pairs());
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
        pairs.add(new KeyValuePair(field.name(), value));
        return this;
    }

    List<KeyValuePair> pairs() {
        return pairs;
    }
}
