package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each SLF4J 2 key-value pair as a top-level field named by its (dotted) key. Values keep their JSON
 * type: strings, integral and decimal numbers, booleans, collections and arrays as JSON arrays, maps as
 * objects; anything else as its {@code toString()}, which is guarded so an odd value cannot fail the event.
 * A key given twice keeps its last value. Unlike logstash-logback-encoder's own provider it never hands a
 * value to a Jackson serializer, whose failure on an unknown type would lose the whole event.
 */
public final class KeyValuePairsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    /** Nesting below this depth (maps in lists in maps...) is written as text. */
    private static final int MAX_DEPTH = 8;

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return;
        }
        if (pairs.size() == 1) {
            write(generator, pairs.get(0).key, pairs.get(0).value);
            return;
        }
        // sized for all pairs up front: a tracker event has 25-45, which would resize a default map twice
        Map<String, Object> lastWins = new LinkedHashMap<>(pairs.size() * 2);
        for (KeyValuePair p : pairs) {
            if (p != null && p.key != null) {
                lastWins.put(p.key, p.value);
            }
        }
        for (Map.Entry<String, Object> e : lastWins.entrySet()) {
            write(generator, e.getKey(), e.getValue());
        }
    }

    private static void write(JsonGenerator generator, String key, Object value) throws IOException {
        if (key == null) {
            return;
        }
        generator.writeFieldName(key);
        writeValue(generator, value, 0);
    }

    static void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (value instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (value instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (depth >= MAX_DEPTH) {
            g.writeString(safeToString(value));
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(safeToString(e.getKey()));
                writeValue(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o, depth + 1);
            }
            g.writeEndArray();
        } else if (value.getClass().isArray()) {
            g.writeStartArray();
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                writeValue(g, Array.get(value, i), depth + 1);
            }
            g.writeEndArray();
        } else {
            g.writeString(safeToString(value));
        }
    }

    static String safeToString(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            String s = value.toString();
            return s == null ? "null" : s;
        } catch (RuntimeException | StackOverflowError e) {
            return "[" + value.getClass().getName() + ".toString() failed: " + e.getClass().getName() + "]";
        }
    }
}
