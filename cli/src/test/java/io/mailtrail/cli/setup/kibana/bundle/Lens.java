package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.FieldType;
import io.mailtrail.schema.Fields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable builders for Lens (form-based datasource) columns, layers and visualization states, writing the
 * shapes real 8.x exports have. Where a shape comes from:
 * <ul>
 *   <li>columns ({@code operationType, label, dataType, isBucketed, scale, sourceField, params}) and formula
 *       helpers ({@code X0..Xn}, {@code math} with {@code tinymathAst}): Kibana's sample data
 *       ({@code elastic/kibana src/platform/plugins/shared/home/server/services/sample_data/data_sets/ecommerce/saved_objects.ts},
 *       exported by 8.11: "Trxns / day" metric, "Promotion Tracking" XY);</li>
 *   <li>per-operation params: {@code elastic/kibana src/platform/packages/shared/kbn-lens-common/datasources/operations.ts};</li>
 *   <li>visualization states: {@code kbn-lens-common/visualizations/*}/types.ts (lnsXY, lnsMetric, lnsDatatable, lnsPie).</li>
 * </ul>
 */
public final class Lens {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Lens' pseudo field of a count of records. */
    public static final String RECORDS = "___records___";

    private Lens() {
    }

    // ---------------------------------------------------------------- columns

    /** Count of documents, optionally only those matching a KQL filter. */
    public static ObjectNode count(String label, String kql) {
        ObjectNode c = metric("count", label, "number");
        c.put("sourceField", RECORDS);
        c.putObject("params").put("emptyAsNull", false);
        return filtered(c, kql);
    }

    /** Average of a numeric field; with {@code percent} the value is shown as a percentage. */
    public static ObjectNode average(String label, Field field, String kql, boolean percent) {
        ObjectNode c = metricOf("average", label, field);
        ObjectNode params = c.putObject("params");
        params.put("emptyAsNull", true);
        if (percent) {
            params.putObject("format").put("id", "percent").putObject("params").put("decimals", 2);
        }
        return filtered(c, kql);
    }

    public static ObjectNode max(String label, Field field, String kql) {
        ObjectNode c = metricOf("max", label, field);
        if (field.type() == FieldType.DATE) {
            c.put("dataType", "date");
        }
        c.putObject("params").put("emptyAsNull", true);
        return filtered(c, kql);
    }

    public static ObjectNode min(String label, Field field, String kql) {
        ObjectNode c = metricOf("min", label, field);
        c.putObject("params").put("emptyAsNull", true);
        return filtered(c, kql);
    }

    public static ObjectNode percentile(String label, Field field, int percentile) {
        ObjectNode c = metricOf("percentile", label, field);
        c.putObject("params").put("percentile", percentile);
        return c;
    }

    /**
     * The latest value of a field. Lens adds the {@code field: *} filter itself when it creates a last value
     * column, so that documents without the field do not hide the latest one that has it.
     */
    public static ObjectNode lastValue(String label, Field field) {
        ObjectNode c = metricOf("last_value", label, field);
        c.put("scale", field.type() == FieldType.LONG ? "ratio" : "ordinal");
        c.put("dataType", dataType(field));
        c.putObject("params").put("sortField", Fields.TIMESTAMP.name()).put("showArrayValues", false);
        return filtered(c, "\"" + field.name() + "\": *");
    }

    /** A constant, for reference lines (e.g. the 5 % bounce threshold). */
    public static ObjectNode staticValue(String label, String value) {
        ObjectNode c = metric("static_value", label, "number");
        c.put("isStaticValue", true);
        c.putObject("params").put("value", value);
        c.putArray("references");
        return c;
    }

    /** Top values of a field, ordered by another column of the layer (descending). */
    public static ObjectNode terms(String label, Field field, int size, String orderByColumn) {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", label);
        c.put("dataType", dataType(field));
        c.put("operationType", "terms");
        c.put("sourceField", field.name());
        c.put("isBucketed", true);
        c.put("scale", "ordinal");
        c.put("customLabel", true);
        ObjectNode p = c.putObject("params");
        p.put("size", size);
        p.putObject("orderBy").put("type", "column").put("columnId", orderByColumn);
        p.put("orderDirection", "desc");
        p.put("otherBucket", false);
        p.put("missingBucket", false);
        p.putObject("parentFormat").put("id", "terms");
        p.putArray("include");
        p.putArray("exclude");
        p.put("includeIsRegex", false);
        p.put("excludeIsRegex", false);
        return c;
    }

    public static ObjectNode dateHistogram() {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", Fields.TIMESTAMP.name());
        c.put("dataType", "date");
        c.put("operationType", "date_histogram");
        c.put("sourceField", Fields.TIMESTAMP.name());
        c.put("isBucketed", true);
        c.put("scale", "interval");
        c.putObject("params").put("interval", "auto").put("includeEmptyRows", true).put("dropPartials", false);
        return c;
    }

    /**
     * Adds a "count per minute" formula to a layer the way Lens stores {@code count(kql='…') / (time_range() / 60000)}:
     * helpers {@code <id>X0} (count), {@code <id>X1} (time_range), {@code <id>X2} (math), and the formula column
     * referencing the math helper (as the ecommerce sample's "Trxns / day").
     */
    public static void perMinuteFormula(Layer layer, String id, String label, String kql) {
        String formula = "count(kql='" + kql.replace("'", "\\'") + "') / (time_range() / 60000)";
        String part = "Part of " + formula;
        ObjectNode count = count(part, kql);
        layer.column(id + "X0", count);
        ObjectNode range = metric("time_range", part, "number");
        range.putArray("references");
        layer.column(id + "X1", range);
        ObjectNode math = metric("math", part, "number");
        ObjectNode ast = math.putObject("params").putObject("tinymathAst");
        ast.put("type", "function").put("name", "divide");
        ArrayNode args = ast.putArray("args");
        args.add(id + "X0");
        ObjectNode inner = args.addObject().put("type", "function").put("name", "divide");
        inner.putArray("args").add(id + "X1").add(60000);
        inner.put("text", "time_range() / 60000");
        ast.put("text", formula);
        math.putArray("references").add(id + "X0").add(id + "X1");
        layer.column(id + "X2", math);
        ObjectNode f = metric("formula", label, "number");
        f.putObject("params").put("formula", formula).put("isFormulaBroken", false)
                .putObject("format").put("id", "number").putObject("params").put("decimals", 2);
        f.putArray("references").add(id + "X2");
        layer.column(id, f);
    }

    private static ObjectNode metric(String op, String label, String dataType) {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", label);
        c.put("dataType", dataType);
        c.put("operationType", op);
        c.put("isBucketed", false);
        c.put("scale", "ratio");
        c.put("customLabel", true);
        return c;
    }

    private static ObjectNode metricOf(String op, String label, Field field) {
        ObjectNode c = metric(op, label, "number");
        c.put("sourceField", field.name());
        return c;
    }

    private static ObjectNode filtered(ObjectNode column, String kql) {
        if (kql != null && !kql.isBlank()) {
            column.putObject("filter").put("query", kql).put("language", "kuery");
        }
        return column;
    }

    static String dataType(Field field) {
        return switch (field.type()) {
            case LONG -> "number";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case IP -> "ip";
            default -> "string";
        };
    }

    // ---------------------------------------------------------------- layers

    /** One form-based layer: its columns in {@code columnOrder} (buckets first, then metrics, then helpers). */
    public static final class Layer {
        final String id;
        final Map<String, ObjectNode> columns = new LinkedHashMap<>();

        public Layer(String id) {
            this.id = id;
        }

        public Layer column(String columnId, ObjectNode column) {
            columns.put(columnId, column);
            return this;
        }

        ObjectNode toJson() {
            ObjectNode l = JSON.createObjectNode();
            ObjectNode cols = l.putObject("columns");
            columns.forEach(cols::set);
            ArrayNode order = l.putArray("columnOrder");
            // Lens nests bucket aggregations in columnOrder order: buckets must come first.
            columns.forEach((k, v) -> {
                if (v.path("isBucketed").asBoolean()) {
                    order.add(k);
                }
            });
            columns.forEach((k, v) -> {
                if (!v.path("isBucketed").asBoolean()) {
                    order.add(k);
                }
            });
            l.putObject("incompleteColumns");
            l.put("sampling", 1);
            return l;
        }
    }

    // ---------------------------------------------------------------- visualizations

    public static ObjectNode metricVis(String layerId, String metricAccessor) {
        ObjectNode v = JSON.createObjectNode();
        v.put("layerId", layerId);
        v.put("layerType", "data");
        v.put("metricAccessor", metricAccessor);
        return v;
    }

    public static ObjectNode datatableVis(String layerId, List<String> columnIds) {
        ObjectNode v = JSON.createObjectNode();
        v.put("layerId", layerId);
        v.put("layerType", "data");
        ArrayNode cols = v.putArray("columns");
        columnIds.forEach(id -> cols.addObject().put("columnId", id).put("isTransposed", false));
        v.put("rowHeight", "single");
        return v;
    }

    public static ObjectNode donutVis(String layerId, String groupBy, String metric) {
        ObjectNode v = JSON.createObjectNode();
        v.put("shape", "donut");
        ObjectNode l = v.putArray("layers").addObject();
        l.put("layerId", layerId);
        l.put("layerType", "data");
        l.putArray("primaryGroups").add(groupBy);
        l.putArray("metrics").add(metric);
        l.put("numberDisplay", "percent");
        l.put("categoryDisplay", "default");
        l.put("legendDisplay", "default");
        l.put("nestedLegend", false);
        return v;
    }

    /** An XY chart of one data layer, optionally split by a column, plus optional reference line layers. */
    public static ObjectNode xyVis(String seriesType, String layerId, String x, List<String> accessors, String split,
                                   List<ObjectNode> extraLayers) {
        ObjectNode v = JSON.createObjectNode();
        v.putObject("legend").put("isVisible", true).put("position", "right");
        v.put("valueLabels", "hide");
        v.put("fittingFunction", "None");
        v.put("preferredSeriesType", seriesType);
        v.putObject("axisTitlesVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        v.putObject("tickLabelsVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        v.putObject("gridlinesVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        ArrayNode layers = v.putArray("layers");
        ObjectNode data = layers.addObject();
        data.put("layerId", layerId);
        data.put("layerType", "data");
        data.put("seriesType", seriesType);
        data.put("xAccessor", x);
        ArrayNode acc = data.putArray("accessors");
        accessors.forEach(acc::add);
        if (split != null) {
            data.put("splitAccessor", split);
        }
        ArrayNode yConfig = data.putArray("yConfig");
        accessors.forEach(a -> yConfig.addObject().put("forAccessor", a).put("axisMode", "left"));
        data.putObject("palette").put("type", "palette").put("name", "default");
        extraLayers.forEach(layers::add);
        return v;
    }

    /** A reference line layer: one static value column drawn as a dashed threshold. */
    public static ObjectNode referenceLineLayer(String layerId, String accessor, String color) {
        ObjectNode l = JSON.createObjectNode();
        l.put("layerId", layerId);
        l.put("layerType", "referenceLine");
        l.putArray("accessors").add(accessor);
        l.putArray("yConfig").addObject().put("forAccessor", accessor).put("axisMode", "left").put("color", color)
                .put("lineWidth", 2).put("lineStyle", "dashed").put("textVisibility", true);
        return l;
    }

    /**
     * A by-value annotation layer of query annotations, as Lens persists it: the runtime layer minus its
     * {@code indexPatternId}, which becomes the reference {@code xy-visualization-layer-<layerId>} instead (see
     * {@link #withAnnotations}), plus {@code persistanceType: "byValue"} (elastic/kibana
     * {@code x-pack/plugins/lens/public/visualizations/xy/persistence.ts}, convertToPersistable).
     */
    public static ObjectNode annotationLayer(String layerId, boolean ignoreGlobalFilters, List<ObjectNode> annotations) {
        ObjectNode l = JSON.createObjectNode();
        l.put("layerId", layerId);
        l.put("layerType", "annotations");
        l.put("persistanceType", "byValue");
        ArrayNode list = l.putArray("annotations");
        annotations.forEach(list::add);
        l.put("ignoreGlobalFilters", ignoreGlobalFilters);
        return l;
    }

    /**
     * A query annotation (elastic/kibana {@code packages/kbn-event-annotation-common/types.ts},
     * QueryPointEventAnnotationConfig): a marker at {@code timeField} of every document matching the KQL filter,
     * named {@code label}, showing the value of {@code textField} on the chart and {@code extraFields} in its tooltip.
     */
    public static ObjectNode queryAnnotation(String id, String label, String kql, Field timeField, Field textField,
                                             List<Field> extraFields, String icon, String color) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "query");
        a.put("id", id);
        a.put("label", label);
        a.putObject("key").put("type", "point_in_time");
        a.putObject("filter").put("type", "kibana_query").put("query", kql).put("language", "kuery");
        a.put("timeField", timeField.name());
        a.put("textField", textField.name());
        ArrayNode extra = a.putArray("extraFields");
        extraFields.forEach(f -> extra.add(f.name()));
        a.put("icon", icon);
        a.put("color", color);
        a.put("lineWidth", 1);
        a.put("lineStyle", "solid");
        a.put("textVisibility", true);
        return a;
    }

    /**
     * Adds an annotation layer to the XY visualization of these Lens attributes, reading its events from another
     * data view: the layer joins {@code state.visualization.layers}, its data view the references as
     * {@code xy-visualization-layer-<layerId>} (no form-based datasource layer: annotations are queried by the
     * event annotation service, not by Lens' datasource).
     */
    public static ObjectNode withAnnotations(ObjectNode attributes, String dataViewId, ObjectNode annotationLayer) {
        ((ArrayNode) attributes.path("state").path("visualization").path("layers")).add(annotationLayer);
        ((ArrayNode) attributes.path("references")).addObject().put("type", "index-pattern").put("id", dataViewId)
                .put("name", ANNOTATION_REFERENCE_PREFIX + annotationLayer.path("layerId").asText());
        return attributes;
    }

    /** The reference name of an annotation layer's data view, before its layer id (Lens' getLayerReferenceName). */
    public static final String ANNOTATION_REFERENCE_PREFIX = "xy-visualization-layer-";

    // ---------------------------------------------------------------- whole Lens attributes

    /**
     * The by-value Lens attributes of a panel: visualization, layers (all over one data view), and a KQL query
     * applying to the whole visualization.
     */
    public static ObjectNode attributes(String title, String visualizationType, String dataViewId, ObjectNode visualization,
                                        String kql, Layer... layers) {
        ObjectNode a = JSON.createObjectNode();
        a.put("title", title);
        a.put("description", "");
        a.put("visualizationType", visualizationType);
        a.put("type", "lens");
        ArrayNode refs = a.putArray("references");
        ObjectNode state = a.putObject("state");
        state.set("visualization", visualization);
        state.putObject("query").put("query", kql == null ? "" : kql).put("language", "kuery");
        state.putArray("filters");
        ObjectNode formBased = state.putObject("datasourceStates").putObject("formBased").putObject("layers");
        for (Layer l : layers) {
            formBased.set(l.id, l.toJson());
            refs.addObject().put("type", "index-pattern").put("id", dataViewId).put("name", "indexpattern-datasource-layer-" + l.id);
        }
        ((ObjectNode) state.path("datasourceStates")).putObject("textBased").putObject("layers");
        state.putArray("internalReferences");
        state.putObject("adHocDataViews");
        return a;
    }

    static JsonNode copy(JsonNode n) {
        return n.deepCopy();
    }
}
