package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;

/**
 * Turns one Lens layer into the search Kibana sends for it, runs it, and reads the answer back as Lens' table
 * (one row per bucket combination, one value per column), the way Lens' form-based datasource does
 * ({@code elastic/kibana x-pack/platform/plugins/shared/lens/public/datasources/form_based/to_expression.ts}):
 * bucket columns nest in {@code columnOrder} order, metrics are leaves; a column {@code filter} wraps its
 * metric in a {@code filter} aggregation; {@code count} without a field is the bucket's {@code doc_count};
 * {@code terms} orders by the metric it names; {@code last_value} is a {@code top_hits} of size 1 sorted by its
 * sort field; formula helpers are evaluated after the search: {@code time_range} is the range in ms, {@code math}
 * evaluates its {@code tinymathAst}, {@code formula} takes its first reference, {@code static_value} its value.
 * The time range and the state's KQL query filter the whole search, as Kibana's search source does.
 */
public final class LensQuery {

    /** Lens' table for one layer. */
    public record Table(List<Map<String, Object>> rows) {
        /** The single row of a layer without buckets. */
        public Map<String, Object> only() {
            if (rows.size() != 1) {
                throw new AssertionError("expected one row, got " + rows);
            }
            return rows.get(0);
        }
    }

    private final RestClient client;
    private final Function<String, String> dataViewPattern;
    private final Instant from;
    private final Instant to;
    private final String interval;
    private final String extraKql;

    /**
     * @param dataViewPattern data view id → its index pattern
     * @param interval        the fixed interval Kibana's {@code auto} resolves to for this time range
     * @param extraKql        a dashboard-level filter applied to every panel (a control selection), or null
     */
    public LensQuery(RestClient client, Function<String, String> dataViewPattern, Instant from, Instant to, String interval, String extraKql) {
        this.client = client;
        this.dataViewPattern = dataViewPattern;
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.extraKql = extraKql;
    }

    /** Every layer of a Lens panel, by layer id. */
    public Map<String, Table> run(JsonNode lens) throws IOException {
        Map<String, Table> out = new LinkedHashMap<>();
        JsonNode state = lens.path("state");
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        var it = layers.fields();
        while (it.hasNext()) {
            var e = it.next();
            String view = null;
            for (JsonNode r : lens.path("references")) {
                if (r.path("name").asText().equals("indexpattern-datasource-layer-" + e.getKey())) {
                    view = r.path("id").asText();
                }
            }
            out.put(e.getKey(), layer(e.getValue(), dataViewPattern.apply(view), state.path("query").path("query").asText("")));
        }
        return out;
    }

    /** One marker a query annotation draws: which annotation, where in time, its text, and its tooltip fields. */
    public record Marker(String annotationId, String label, Instant time, String text, Map<String, List<String>> fields) {
    }

    /**
     * The markers of every annotation layer of a Lens XY panel, by layer id, queried the way Kibana's event
     * annotation service does ({@code elastic/kibana src/plugins/event_annotation/common/fetch_event_annotations/
     * request_event_annotations.ts}, prepareEsaggsForQueryGroups and postprocessAnnotations): over the data view of
     * the layer's reference {@code xy-visualization-layer-<layerId>}, within the time range on the annotation's time
     * field, with the dashboard's filters and the Lens query only when the layer keeps global filters; a
     * {@code filters} bucket per annotation (its KQL), a {@code date_histogram} on the time field at the chart's
     * interval, and per bucket the first {@value #ANNOTATIONS_PER_BUCKET} documents by time with the time, text and
     * extra fields. Kibana reads those with {@code top_metrics} (x-pack analytics, absent on the test node); this
     * reads the same doc values with a {@code top_hits} of the same size and sort and {@code docvalue_fields}, so a
     * field without doc values fails here as it would there.
     */
    public Map<String, List<Marker>> annotations(JsonNode lens) throws IOException {
        Map<String, List<Marker>> out = new LinkedHashMap<>();
        JsonNode state = lens.path("state");
        for (JsonNode layer : state.path("visualization").path("layers")) {
            if (!layer.path("layerType").asText().equals("annotations")) {
                continue;
            }
            String layerId = layer.path("layerId").asText();
            String view = null;
            for (JsonNode r : lens.path("references")) {
                if (r.path("name").asText().equals(Lens.ANNOTATION_REFERENCE_PREFIX + layerId)) {
                    view = r.path("id").asText();
                }
            }
            if (view == null) {
                throw new AssertionError("annotation layer " + layerId + " has no data view reference");
            }
            List<Marker> markers = new ArrayList<>();
            for (JsonNode a : layer.path("annotations")) {
                markers.addAll(markers(a, dataViewPattern.apply(view), layer.path("ignoreGlobalFilters").asBoolean(false),
                        state.path("query").path("query").asText("")));
            }
            markers.sort(java.util.Comparator.comparing(Marker::time));
            out.put(layerId, markers);
        }
        return out;
    }

    /** Kibana's {@code ANNOTATIONS_PER_BUCKET}. */
    static final int ANNOTATIONS_PER_BUCKET = 10;

    /** The search of one query annotation (exposed so that tests can show what was sent). */
    ObjectNode annotationBody(JsonNode annotation, boolean ignoreGlobalFilters, String lensKql) {
        String timeField = annotation.path("timeField").asText("@timestamp");
        List<String> fields = new ArrayList<>();
        annotation.path("extraFields").forEach(f -> fields.add(f.asText()));
        if (annotation.has("textField") && !fields.contains(annotation.path("textField").asText())) {
            fields.add(annotation.path("textField").asText());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject(timeField).put("gte", from.toString()).put("lte", to.toString())
                .put("format", "strict_date_optional_time");
        if (!ignoreGlobalFilters) {
            if (!lensKql.isBlank()) {
                filter.add(Kql.toDsl(lensKql));
            }
            if (extraKql != null) {
                filter.add(Kql.toDsl(extraKql));
            }
        }
        ObjectNode filters = body.putObject("aggs").putObject("annotations");
        filters.putObject("filters").putObject("filters").set(annotation.path("id").asText(),
                Kql.toDsl(annotation.path("filter").path("query").asText()));
        ObjectNode histogram = filters.putObject("aggs").putObject("time");
        histogram.putObject("date_histogram").put("field", timeField).put("fixed_interval", interval).put("time_zone", "UTC");
        ObjectNode top = histogram.putObject("aggs").putObject("first").putObject("top_hits");
        top.put("size", ANNOTATIONS_PER_BUCKET);
        top.putArray("sort").addObject().putObject(timeField).put("order", "asc");
        top.put("_source", false);
        ArrayNode docValues = top.putArray("docvalue_fields");
        docValues.addObject().put("field", timeField).put("format", "strict_date_optional_time");
        fields.forEach(docValues::add);
        return body;
    }

    private List<Marker> markers(JsonNode annotation, String index, boolean ignoreGlobalFilters, String lensKql) throws IOException {
        String timeField = annotation.path("timeField").asText("@timestamp");
        Request request = new Request("POST", "/" + index + "/_search");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setJsonEntity(annotationBody(annotation, ignoreGlobalFilters, lensKql).toString());
        JsonNode answer = JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
        List<Marker> markers = new ArrayList<>();
        String id = annotation.path("id").asText();
        JsonNode buckets = answer.path("aggregations").path("annotations").path("buckets").path(id).path("time").path("buckets");
        for (JsonNode bucket : buckets) {
            for (JsonNode hit : bucket.path("first").path("hits").path("hits")) {
                Map<String, List<String>> fields = new LinkedHashMap<>();
                hit.path("fields").fields().forEachRemaining(e -> {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asText()));
                    fields.put(e.getKey(), values);
                });
                List<String> text = fields.getOrDefault(annotation.path("textField").asText(), List.of());
                markers.add(new Marker(id, annotation.path("label").asText(), Instant.parse(fields.get(timeField).get(0)),
                        text.isEmpty() ? null : String.join(", ", text), fields));
            }
        }
        return markers;
    }

    /** The search body of one layer (exposed so that tests can show what was sent). */
    ObjectNode body(JsonNode layer, String kql) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject("@timestamp").put("gte", from.toString()).put("lte", to.toString())
                .put("format", "strict_date_optional_time");
        if (!kql.isBlank()) {
            filter.add(Kql.toDsl(kql));
        }
        if (extraKql != null) {
            filter.add(Kql.toDsl(extraKql));
        }
        JsonNode columns = layer.path("columns");
        List<String> buckets = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (JsonNode id : layer.path("columnOrder")) {
            JsonNode c = columns.path(id.asText());
            if (c.path("isBucketed").asBoolean()) {
                buckets.add(id.asText());
            } else if (!BundleContract.REFERENCE_OPS.contains(c.path("operationType").asText())) {
                metrics.add(id.asText());
            }
        }
        ObjectNode leafAggs = JSON.createObjectNode();
        for (String m : metrics) {
            JsonNode agg = metricAgg(columns.path(m));
            if (agg != null) {
                leafAggs.set(m, agg);
            }
        }
        ObjectNode aggs = leafAggs;
        for (int i = buckets.size() - 1; i >= 0; i--) {
            ObjectNode bucket = bucketAgg(columns.path(buckets.get(i)), columns);
            if (!aggs.isEmpty()) {
                // keep the orderAgg a terms bucket may carry next to the nested aggregations
                ObjectNode sub = bucket.has("aggs") ? (ObjectNode) bucket.path("aggs") : bucket.putObject("aggs");
                sub.setAll(aggs);
            }
            aggs = JSON.createObjectNode();
            aggs.set(buckets.get(i), bucket);
        }
        if (!aggs.isEmpty()) {
            body.set("aggs", aggs);
        }
        return body;
    }

    private Table layer(JsonNode layer, String index, String kql) throws IOException {
        ObjectNode body = body(layer, kql);
        JsonNode columns = layer.path("columns");
        boolean onlyStatic = true;
        for (JsonNode c : columns) {
            onlyStatic &= c.path("operationType").asText().equals("static_value");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (onlyStatic) {
            rows.add(new LinkedHashMap<>());
        } else {
            Request request = new Request("POST", "/" + index + "/_search");
            request.setJsonEntity(body.toString());
            JsonNode answer = JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
            List<String> buckets = new ArrayList<>();
            for (JsonNode id : layer.path("columnOrder")) {
                if (columns.path(id.asText()).path("isBucketed").asBoolean()) {
                    buckets.add(id.asText());
                }
            }
            ObjectNode root = answer.path("aggregations").isObject() ? ((ObjectNode) answer.path("aggregations")).deepCopy() : JSON.createObjectNode();
            root.put("doc_count", answer.path("hits").path("total").path("value").asLong());
            flatten(root, buckets, 0, new LinkedHashMap<>(), columns, rows);
        }
        for (Map<String, Object> row : rows) {
            for (JsonNode id : layer.path("columnOrder")) {
                evaluateReferences(id.asText(), columns, row);
            }
        }
        return new Table(rows);
    }

    private void flatten(JsonNode node, List<String> buckets, int depth, Map<String, Object> prefix, JsonNode columns, List<Map<String, Object>> rows) {
        if (depth == buckets.size()) {
            Map<String, Object> row = new LinkedHashMap<>(prefix);
            columns.fields().forEachRemaining(e -> {
                if (!e.getValue().path("isBucketed").asBoolean() && !BundleContract.REFERENCE_OPS.contains(e.getValue().path("operationType").asText())) {
                    row.put(e.getKey(), metricValue(e.getValue(), node, e.getKey()));
                }
            });
            rows.add(row);
            return;
        }
        String id = buckets.get(depth);
        for (JsonNode b : node.path(id).path("buckets")) {
            Map<String, Object> p = new LinkedHashMap<>(prefix);
            String type = columns.path(id).path("dataType").asText();
            JsonNode key = b.has("key_as_string") && (type.equals("date") || type.equals("boolean"))
                    ? b.path("key_as_string") : b.path("key");
            p.put(id, key.isNumber() ? (Object) key.asDouble() : key.asText());
            flatten(b, buckets, depth + 1, p, columns, rows);
        }
    }

    private static JsonNode metricAgg(JsonNode c) {
        String op = c.path("operationType").asText();
        String field = c.path("sourceField").asText();
        ObjectNode agg = JSON.createObjectNode();
        switch (op) {
            case "count" -> {
                if (!field.equals(Lens.RECORDS)) {
                    agg.putObject("value_count").put("field", field);
                } else {
                    agg = null;
                }
            }
            case "average" -> agg.putObject("avg").put("field", field);
            case "sum" -> agg.putObject("sum").put("field", field);
            case "min" -> agg.putObject("min").put("field", field);
            case "max" -> agg.putObject("max").put("field", field);
            case "unique_count" -> agg.putObject("cardinality").put("field", field);
            case "percentile" -> agg.putObject("percentiles").put("field", field).putArray("percents").add(c.path("params").path("percentile").asDouble());
            case "last_value" -> {
                ObjectNode top = agg.putObject("top_hits");
                top.put("size", 1);
                top.putArray("sort").addObject().putObject(c.path("params").path("sortField").asText()).put("order", "desc");
                top.putArray("fields").add(field);
                top.put("_source", false);
            }
            default -> throw new IllegalArgumentException("no aggregation for " + op);
        }
        if (!c.has("filter")) {
            return agg;
        }
        ObjectNode filtered = JSON.createObjectNode();
        filtered.set("filter", Kql.toDsl(c.path("filter").path("query").asText()));
        if (agg != null) {
            filtered.putObject("aggs").set("m", agg);
        }
        return filtered;
    }

    private static Object metricValue(JsonNode c, JsonNode bucket, String id) {
        String op = c.path("operationType").asText();
        JsonNode agg = bucket.path(id);
        if (c.has("filter")) {
            if (op.equals("count") && c.path("sourceField").asText().equals(Lens.RECORDS)) {
                return agg.path("doc_count").asDouble();
            }
            agg = agg.path("m");
        } else if (op.equals("count") && c.path("sourceField").asText().equals(Lens.RECORDS)) {
            return bucket.path("doc_count").asDouble();
        }
        return switch (op) {
            case "percentile" -> {
                JsonNode values = agg.path("values");
                JsonNode v = values.elements().hasNext() ? values.elements().next() : null;
                yield v == null || v.isNull() ? null : v.asDouble();
            }
            case "last_value" -> {
                JsonNode hit = agg.path("hits").path("hits").path(0);
                JsonNode v = hit.path("fields").path(c.path("sourceField").asText()).path(0);
                yield v.isMissingNode() ? null : v.isNumber() ? (Object) v.asDouble() : v.asText();
            }
            case "max", "min" -> agg.path("value").isNull() ? null
                    : "date".equals(c.path("dataType").asText()) ? agg.path("value_as_string").asText() : agg.path("value").asDouble();
            default -> agg.path("value").isNull() || agg.path("value").isMissingNode() ? null : agg.path("value").asDouble();
        };
    }

    private ObjectNode bucketAgg(JsonNode c, JsonNode columns) {
        ObjectNode agg = JSON.createObjectNode();
        String op = c.path("operationType").asText();
        if (op.equals("date_histogram")) {
            ObjectNode h = agg.putObject("date_histogram");
            h.put("field", c.path("sourceField").asText());
            h.put("fixed_interval", interval);
            h.put("time_zone", "UTC");
            if (c.path("params").path("includeEmptyRows").asBoolean()) {
                h.put("min_doc_count", 0);
                h.putObject("extended_bounds").put("min", from.toEpochMilli()).put("max", to.toEpochMilli());
            }
            return agg;
        }
        if (op.equals("terms")) {
            ObjectNode t = agg.putObject("terms");
            t.put("field", c.path("sourceField").asText());
            t.put("size", c.path("params").path("size").asInt());
            String orderColumn = c.path("params").path("orderBy").path("columnId").asText();
            JsonNode order = columns.path(orderColumn);
            String dir = c.path("params").path("orderDirection").asText("desc");
            if (order.path("operationType").asText().equals("count") && !order.has("filter")) {
                t.putObject("order").put("_count", dir);
            } else if (!order.has("filter")) {
                // Lens orders by the metric as a sub-aggregation of the bucket (orderAgg).
                agg.putObject("aggs").set("orderAgg", metricAgg(order));
                t.putObject("order").put("orderAgg", dir);
            } else {
                throw new IllegalArgumentException("terms ordered by a filtered metric is not used by the bundle");
            }
            return agg;
        }
        throw new IllegalArgumentException("no bucket aggregation for " + op);
    }

    private void evaluateReferences(String id, JsonNode columns, Map<String, Object> row) {
        JsonNode c = columns.path(id);
        switch (c.path("operationType").asText()) {
            case "static_value" -> row.put(id, Double.parseDouble(c.path("params").path("value").asText()));
            case "time_range" -> row.put(id, (double) (to.toEpochMilli() - from.toEpochMilli()));
            case "math" -> row.put(id, math(c.path("params").path("tinymathAst"), row));
            case "formula" -> row.put(id, row.get(c.path("references").path(0).asText()));
            default -> {
            }
        }
    }

    private static Double math(JsonNode ast, Map<String, Object> row) {
        if (ast.isNumber()) {
            return ast.asDouble();
        }
        if (ast.isTextual()) {
            Object v = row.get(ast.asText());
            return v == null ? null : ((Number) v).doubleValue();
        }
        List<Double> args = new ArrayList<>();
        for (JsonNode a : ast.path("args")) {
            args.add(math(a, row));
        }
        if (args.contains(null)) {
            return null;
        }
        return switch (ast.path("name").asText()) {
            case "add" -> args.get(0) + args.get(1);
            case "subtract" -> args.get(0) - args.get(1);
            case "multiply" -> args.get(0) * args.get(1);
            case "divide" -> args.get(0) / args.get(1);
            default -> throw new IllegalArgumentException("tinymath function " + ast.path("name").asText());
        };
    }
}
