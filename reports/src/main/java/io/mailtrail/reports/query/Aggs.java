package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;

/**
 * Small builders for search bodies and readers for aggregation results. Every field is a catalog
 * {@link Field}, so a query can name no field the catalog lacks.
 */
final class Aggs {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Aggs() {
    }

    static ObjectNode obj() {
        return F.objectNode();
    }

    /** {@code size: 0}, the period's range on {@code @timestamp}, no hit count beyond what aggregations give. */
    static ObjectNode searchBody(ReportPeriod period) {
        ObjectNode body = obj();
        body.put("size", 0);
        body.put("track_total_hits", true);
        ObjectNode range = body.putObject("query").putObject("range").putObject(Fields.TIMESTAMP.name());
        range.put("gte", period.from().toEpochMilli());
        range.put("lt", period.to().toEpochMilli());
        range.put("format", "epoch_millis");
        return body;
    }

    static ObjectNode metric(String type, Field field) {
        ObjectNode agg = obj();
        agg.putObject(type).put("field", field.name());
        return agg;
    }

    static ObjectNode percentiles(Field field) {
        ObjectNode agg = obj();
        ObjectNode p = agg.putObject("percentiles");
        p.put("field", field.name());
        p.putArray("percents").add(50.0).add(95.0).add(99.0);
        p.put("keyed", true);
        return agg;
    }

    static ObjectNode terms(Field field, int size, String missing) {
        ObjectNode agg = obj();
        ObjectNode t = agg.putObject("terms");
        t.put("field", field.name());
        t.put("size", size);
        if (missing != null) {
            t.put("missing", missing);
        }
        return agg;
    }

    static ObjectNode termFilter(Field field, Object value) {
        ObjectNode agg = obj();
        ObjectNode term = agg.putObject("filter").putObject("term");
        if (value instanceof Boolean b) {
            term.put(field.name(), b);
        } else if (value instanceof Number n) {
            term.put(field.name(), n.longValue());
        } else {
            term.put(field.name(), String.valueOf(value));
        }
        return agg;
    }

    static ObjectNode rangeFilter(Field field, String op, long value) {
        ObjectNode agg = obj();
        agg.putObject("filter").putObject("range").putObject(field.name()).put(op, value);
        return agg;
    }

    static ObjectNode sub(ObjectNode agg) {
        return agg.has("aggs") ? (ObjectNode) agg.get("aggs") : agg.putObject("aggs");
    }

    // ---- reading

    /** A metric's {@code value}; null when Elasticsearch had nothing to compute it from. */
    static Double value(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Double.valueOf(v.asDouble()) : null;
    }

    static long docCount(JsonNode agg) {
        return agg.path("doc_count").asLong();
    }

    /** p50, p95 and p99 of a {@code percentiles} aggregation on nanoseconds, as milliseconds. */
    static io.mailtrail.reports.figures.Latency latencyMs(JsonNode agg) {
        JsonNode values = agg.path("values");
        return new io.mailtrail.reports.figures.Latency(ms(values.path("50.0")), ms(values.path("95.0")), ms(values.path("99.0")));
    }

    private static Double ms(JsonNode nanos) {
        return nanos.isNumber() ? Double.valueOf(nanos.asDouble() / 1_000_000.0) : null;
    }
}
