package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.FieldType;
import io.mailtrail.schema.Fields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;

/**
 * The rules an NDJSON bundle must follow to import into Kibana 8.14 … 9.x and render, each derived from real
 * exports or Kibana's source (named at each rule). {@link #check} returns every violation, one line each.
 * Sources: KB = elastic/kibana, INT = elastic/integrations; {@code ../shared/reference/kibana-shapes.md} collects them.
 */
public final class BundleContract {

    /** Dashboard grid width (KB {@code DASHBOARD_GRID_COLUMN_COUNT = 48}). */
    static final int GRID_COLUMNS = 48;

    /**
     * Newest typeMigrationVersion Kibana 8.14 knows per type (KB document_migrator rejects newer: "belongs to a more
     * recent version of Kibana"): index-pattern has no model versions (8.0.0); lens none in 8.x (8.9.0); search
     * model version 1 from 8.12 (10.1.0); dashboard model versions 1+2 arrive with 8.14 (10.2.0, KB PR #174714).
     */
    static final Map<String, String> NEWEST_STAMP_OF_8_14 = Map.of(
            "index-pattern", "8.0.0", "lens", "8.9.0", "search", "10.1.0", "dashboard", "10.2.0");

    /**
     * Attributes stored as JSON strings in export form (KB dashboard_saved_object.ts and data_views.ts map them as
     * text; KB sample data ecommerce carries them as strings).
     */
    static final Map<String, List<String>> STRING_ATTRIBUTES = Map.of(
            "dashboard", List.of("panelsJSON", "optionsJSON", "kibanaSavedObjectMeta.searchSourceJSON",
                    "controlGroupInput.panelsJSON", "controlGroupInput.ignoreParentSettingsJSON"),
            "index-pattern", List.of("fields", "fieldFormatMap", "runtimeFieldMap", "sourceFilters", "typeMeta", "fieldAttrs"),
            "search", List.of("kibanaSavedObjectMeta.searchSourceJSON"));

    /**
     * Column keys every column has, and the params keys per operation real 8.x columns use
     * (KB kbn-lens-common/datasources/operations.ts; the ecommerce and flights samples).
     */
    static final List<String> COLUMN_KEYS = List.of("operationType", "label", "dataType", "isBucketed", "scale");
    static final Set<String> COLUMN_OPTIONAL_KEYS = Set.of("sourceField", "params", "customLabel", "filter", "timeShift", "timeScale",
            "reducedTimeRange", "references", "isStaticValue", "window");
    static final Map<String, Set<String>> PARAMS = Map.ofEntries(
            Map.entry("count", Set.of("emptyAsNull", "format")),
            Map.entry("average", Set.of("emptyAsNull", "format")),
            Map.entry("sum", Set.of("emptyAsNull", "format")),
            Map.entry("min", Set.of("emptyAsNull", "format")),
            Map.entry("max", Set.of("emptyAsNull", "format")),
            Map.entry("median", Set.of("emptyAsNull", "format")),
            Map.entry("unique_count", Set.of("emptyAsNull", "format")),
            Map.entry("percentile", Set.of("percentile", "format")),
            Map.entry("last_value", Set.of("sortField", "showArrayValues", "format")),
            Map.entry("terms", Set.of("size", "orderBy", "orderDirection", "otherBucket", "missingBucket", "parentFormat", "include",
                    "exclude", "includeIsRegex", "excludeIsRegex", "secondaryFields", "accuracyMode", "format")),
            Map.entry("date_histogram", Set.of("interval", "includeEmptyRows", "dropPartials", "ignoreTimeRange")),
            Map.entry("static_value", Set.of("value", "format")),
            Map.entry("formula", Set.of("formula", "isFormulaBroken", "format")),
            Map.entry("math", Set.of("tinymathAst", "format")),
            Map.entry("time_range", Set.of("format")));
    /** Params an operation cannot do without. */
    static final Map<String, List<String>> REQUIRED_PARAMS = Map.of(
            "percentile", List.of("percentile"), "last_value", List.of("sortField"),
            "terms", List.of("size", "orderBy", "orderDirection"), "date_histogram", List.of("interval"),
            "static_value", List.of("value"), "formula", List.of("formula"), "math", List.of("tinymathAst"));
    static final Set<String> BUCKET_OPS = Set.of("terms", "date_histogram", "range", "filters");
    static final Set<String> REFERENCE_OPS = Set.of("formula", "math", "static_value", "time_range");

    /** Field types an operation can aggregate (Lens' operation definitions, getPossibleOperationForField). */
    static final Map<String, Set<FieldType>> AGGREGATABLE = Map.copyOf(new HashMap<>(Map.of(
            "average", EnumSet.of(FieldType.LONG), "sum", EnumSet.of(FieldType.LONG), "median", EnumSet.of(FieldType.LONG),
            "percentile", EnumSet.of(FieldType.LONG), "min", EnumSet.of(FieldType.LONG, FieldType.DATE),
            "max", EnumSet.of(FieldType.LONG, FieldType.DATE), "date_histogram", EnumSet.of(FieldType.DATE),
            "terms", EnumSet.of(FieldType.KEYWORD, FieldType.LONG, FieldType.BOOLEAN, FieldType.IP),
            "unique_count", EnumSet.of(FieldType.KEYWORD, FieldType.LONG, FieldType.BOOLEAN, FieldType.IP, FieldType.DATE),
            "last_value", EnumSet.of(FieldType.KEYWORD, FieldType.LONG, FieldType.BOOLEAN, FieldType.IP, FieldType.DATE))) {{
                // query annotations read their text and extra fields with top_metrics, i.e. from doc values
                // (KB event-annotation request_event_annotations.ts prepareEsaggsForQueryGroups)
                put("top_metrics", EnumSet.of(FieldType.KEYWORD, FieldType.LONG, FieldType.BOOLEAN, FieldType.IP, FieldType.DATE));
            }});

    /**
     * Annotation layers of lnsXY, by value only (KB {@code x-pack/plugins/lens/public/visualizations/xy/types.ts}
     * XYByValueAnnotationLayerConfig and {@code persistence.ts} XYPersistedByValueAnnotationLayerConfig /
     * convertToPersistable, 8.9 … 8.19; by-value query annotations exist since 8.6): the persisted layer is the
     * runtime one without {@code indexPatternId}, with {@code persistanceType "byValue"} (optional: older saved
     * objects lack it), {@code hide}/{@code simpleView} optional; its data view is the reference
     * {@code xy-visualization-layer-<layerId>} of type index-pattern (Lens' getLayerReferenceName), repeated at
     * dashboard level as {@code <panelIndex>:xy-visualization-layer-<layerId>} like every by-value reference. No
     * form-based datasource layer backs it: the event annotation service queries it. By-reference and linked
     * layers ({@code annotationGroupRef}) need an event-annotation-group object, which the bundle does not ship.
     */
    static final Set<String> ANNOTATION_LAYER_KEYS = Set.of("layerId", "layerType", "annotations", "ignoreGlobalFilters",
            "persistanceType", "hide", "simpleView");
    /**
     * Keys of a query annotation (KB {@code packages/kbn-event-annotation-common/types.ts}
     * QueryPointEventAnnotationConfig and PointStyleProps): {@code type "query"}, {@code id}, {@code label},
     * {@code key {type: "point_in_time"}}, {@code filter {type: "kibana_query", query, language}}, optional
     * {@code timeField} (else the data view's), {@code textField}, {@code extraFields}, and style.
     */
    static final Set<String> QUERY_ANNOTATION_KEYS = Set.of("type", "id", "label", "key", "filter", "timeField", "textField",
            "extraFields", "icon", "color", "lineWidth", "lineStyle", "textVisibility", "isHidden");
    static final List<String> QUERY_ANNOTATION_REQUIRED = List.of("type", "id", "label", "key", "filter");
    /**
     * Annotation icons whose names are the same in 8.x and 9.x (KB kbn-event-annotation-common AvailableAnnotationIcons;
     * others were renamed with EUI's icons, e.g. alert → warning, mapMarker → waypoint).
     */
    static final Set<String> ANNOTATION_ICONS = Set.of("asterisk", "bell", "bolt", "bug", "circle", "flag", "heart", "tag", "triangle");
    static final Set<String> LINE_STYLES = Set.of("solid", "dashed", "dotted");

    /** XY series types (KB kbn-lens-common/visualizations/xy/types.ts SeriesType). */
    static final Set<String> SERIES_TYPES = Set.of("bar", "bar_stacked", "bar_percentage_stacked", "bar_horizontal",
            "bar_horizontal_stacked", "bar_horizontal_percentage_stacked", "line", "area", "area_stacked", "area_percentage_stacked");

    private final List<String> violations = new ArrayList<>();
    /** The fields of the controls of the dashboard being checked: they filter every panel that keeps global filters. */
    private final List<Field> controlFields = new ArrayList<>();
    private final Map<String, JsonNode> byKey = new LinkedHashMap<>();

    private BundleContract() {
    }

    /** Every violation of the bundle text, one line each; empty when it follows every rule. */
    public static List<String> check(String ndjson) {
        BundleContract c = new BundleContract();
        c.run(ndjson);
        return c.violations;
    }

    private void fail(String where, String what) {
        violations.add(where + ": " + what);
    }

    private void run(String ndjson) {
        List<JsonNode> objects = new ArrayList<>();
        int n = 0;
        for (String line : ndjson.split("\n")) {
            n++;
            try {
                JsonNode o = JSON.readTree(line);
                objects.add(o);
                String key = o.path("type").asText() + "/" + o.path("id").asText();
                if (byKey.put(key, o) != null) {
                    fail(key, "id used twice");
                }
            } catch (IOException e) {
                fail("line " + n, "not JSON: " + e.getMessage());
            }
        }
        for (JsonNode o : objects) {
            String key = o.path("type").asText() + "/" + o.path("id").asText();
            envelope(key, o);
            references(key, o);
            switch (o.path("type").asText()) {
                case "index-pattern" -> dataView(key, o);
                case "search" -> search(key, o);
                case "dashboard" -> dashboard(key, o);
                default -> fail(key, "type the bundle does not ship");
            }
        }
    }

    // ---------------------------------------------------------------- envelope, stamps, references

    private void envelope(String key, JsonNode o) {
        for (String k : List.of("type", "id", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion")) {
            if (!o.has(k)) {
                fail(key, "no " + k + " (export form: KB saved object export, every 8.8+ export carries it)");
            }
        }
        if (!"8.8.0".equals(o.path("coreMigrationVersion").asText())) {
            fail(key, "coreMigrationVersion " + o.path("coreMigrationVersion") + ", expected 8.8.0 (what every 8.8+ and 9.x export writes)");
        }
        String newest = NEWEST_STAMP_OF_8_14.get(o.path("type").asText());
        String stamp = o.path("typeMigrationVersion").asText();
        if (newest != null && compareVersions(stamp, newest) > 0) {
            fail(key, "typeMigrationVersion " + stamp + " is newer than Kibana 8.14 knows (" + newest + "): 8.14 would refuse it");
        }
        for (String path : STRING_ATTRIBUTES.getOrDefault(o.path("type").asText(), List.of())) {
            JsonNode v = at(o.path("attributes"), path);
            if (v == null || !v.isTextual()) {
                fail(key, "attributes." + path + " must be a JSON string in export form");
            } else {
                try {
                    JSON.readTree(v.asText());
                } catch (IOException e) {
                    fail(key, "attributes." + path + " is not valid JSON: " + e.getMessage());
                }
            }
        }
    }

    private void references(String key, JsonNode o) {
        Set<String> names = new HashSet<>();
        for (JsonNode r : o.path("references")) {
            String target = r.path("type").asText() + "/" + r.path("id").asText();
            if (!byKey.containsKey(target)) {
                fail(key, "reference " + r.path("name").asText() + " → " + target + " is not in the bundle");
            }
            if (!names.add(r.path("name").asText())) {
                fail(key, "reference name used twice: " + r.path("name").asText());
            }
        }
    }

    private static Optional<String> referenceId(JsonNode o, String name) {
        for (JsonNode r : o.path("references")) {
            if (r.path("name").asText().equals(name)) {
                return Optional.of(r.path("id").asText());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- data views and searches

    /** The datasets a data view covers, from its pattern. */
    private EnumSet<Dataset> datasets(String dataViewId) {
        JsonNode dv = byKey.get("index-pattern/" + dataViewId);
        EnumSet<Dataset> out = EnumSet.noneOf(Dataset.class);
        if (dv == null) {
            return out;
        }
        for (String pattern : dv.path("attributes").path("title").asText().split(",")) {
            for (Dataset d : Dataset.values()) {
                if (pattern.trim().equals(d.indexPattern())) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private void dataView(String key, JsonNode o) {
        JsonNode a = o.path("attributes");
        if (!"@timestamp".equals(a.path("timeFieldName").asText())) {
            fail(key, "timeFieldName must be @timestamp");
        }
        if (a.path("title").asText().isBlank() || a.path("title").asText().matches(".*[\\\\/?\"<>| ].*")) {
            fail(key, "title is not an index pattern: " + a.path("title"));
        }
        EnumSet<Dataset> sets = datasets(o.path("id").asText());
        try {
            JsonNode formats = JSON.readTree(a.path("fieldFormatMap").asText("{}"));
            formats.fieldNames().forEachRemaining(f -> field(key, "fieldFormatMap", f, null, sets));
            formats.forEach(f -> {
                if (!f.has("id")) {
                    fail(key, "fieldFormatMap entry without id");
                }
            });
        } catch (IOException e) {
            fail(key, "fieldFormatMap: " + e.getMessage());
        }
    }

    private void search(String key, JsonNode o) {
        JsonNode a = o.path("attributes");
        JsonNode source = parsed(a.path("kibanaSavedObjectMeta").path("searchSourceJSON"));
        String ref = source.path("indexRefName").asText();
        Optional<String> view = referenceId(o, ref);
        if (view.isEmpty()) {
            fail(key, "searchSourceJSON.indexRefName '" + ref + "' names no reference");
            return;
        }
        EnumSet<Dataset> sets = datasets(view.get());
        a.path("columns").forEach(c -> field(key, "column", c.asText(), null, sets));
        a.path("sort").forEach(s -> field(key, "sort", s.path(0).asText(), null, sets));
        kql(key, "search query", source.path("query"), sets);
    }

    // ---------------------------------------------------------------- dashboards

    private void dashboard(String key, JsonNode o) {
        JsonNode a = o.path("attributes");
        JsonNode panels = parsed(a.path("panelsJSON"));
        kql(key, "dashboard query", parsed(a.path("kibanaSavedObjectMeta").path("searchSourceJSON")).path("query"), EnumSet.allOf(Dataset.class));
        grid(key, panels);
        controlFields.clear();
        parsed(a.path("controlGroupInput").path("panelsJSON")).forEach(c ->
                Fields.byName(c.path("explicitInput").path("fieldName").asText()).ifPresent(controlFields::add));
        for (JsonNode p : panels) {
            String where = key + " panel '" + p.path("title").asText(p.path("panelIndex").asText()) + "'";
            if (!"lens".equals(p.path("type").asText())) {
                fail(where, "only Lens panels by value are shipped, got type " + p.path("type"));
                continue;
            }
            JsonNode lens = p.path("embeddableConfig").path("attributes");
            if (!lens.isObject()) {
                fail(where, "no embeddableConfig.attributes (by-value Lens, an object — KB sample data ecommerce)");
                continue;
            }
            // By-value references repeated at dashboard level as <panelIndex>:<name> (KB ecommerce, INT aws_bedrock).
            for (JsonNode r : lens.path("references")) {
                String outer = p.path("panelIndex").asText() + ":" + r.path("name").asText();
                if (!referenceId(o, outer).equals(Optional.of(r.path("id").asText()))) {
                    fail(where, "dashboard lacks reference " + outer + " → " + r.path("id").asText());
                }
                if (!byKey.containsKey(r.path("type").asText() + "/" + r.path("id").asText())) {
                    fail(where, "reference " + r.path("name").asText() + " → " + r.path("id").asText() + " is not in the bundle");
                }
            }
            lens(where, lens);
        }
        JsonNode group = a.path("controlGroupInput");
        if (group.isObject()) {
            JsonNode controls = parsed(group.path("panelsJSON"));
            controls.fields().forEachRemaining(e -> {
                String ref = "controlGroup_" + e.getKey() + ":optionsListDataView";
                Optional<String> view = referenceId(o, ref);
                if (view.isEmpty()) {
                    fail(key, "control " + e.getKey() + " has no reference " + ref + " (KB ecommerce sample)");
                    return;
                }
                String fieldName = e.getValue().path("explicitInput").path("fieldName").asText();
                Optional<Field> f = field(key, "control", fieldName, null, datasets(view.get()));
                if (f.isPresent() && f.get().type() != FieldType.KEYWORD) {
                    fail(key, "control field " + fieldName + " must be a keyword for an options list");
                }
                if (!e.getKey().equals(e.getValue().path("explicitInput").path("id").asText())) {
                    fail(key, "control " + e.getKey() + ": explicitInput.id differs");
                }
            });
        }
    }

    private void grid(String key, JsonNode panels) {
        List<int[]> boxes = new ArrayList<>();
        Set<String> indexes = new HashSet<>();
        for (JsonNode p : panels) {
            JsonNode g = p.path("gridData");
            String where = key + " panel " + p.path("panelIndex").asText();
            if (!indexes.add(p.path("panelIndex").asText())) {
                fail(where, "panelIndex used twice");
            }
            if (!g.path("i").asText().equals(p.path("panelIndex").asText())) {
                fail(where, "gridData.i differs from panelIndex");
            }
            for (String k : List.of("x", "y", "w", "h")) {
                if (!g.path(k).isInt()) {
                    fail(where, "gridData." + k + " is not an integer");
                }
            }
            int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
            if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > GRID_COLUMNS) {
                fail(where, "outside the " + GRID_COLUMNS + "-column grid: x=" + x + " w=" + w);
            }
            for (int[] b : boxes) {
                if (x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h) {
                    fail(where, "overlaps another panel");
                }
            }
            boxes.add(new int[]{x, y, w, h});
        }
    }

    // ---------------------------------------------------------------- Lens

    private void lens(String where, JsonNode lens) {
        JsonNode state = lens.path("state");
        if (!state.isObject()) {
            fail(where, "Lens state must be an object");
            return;
        }
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        if (state.path("datasourceStates").has("indexpattern") && !state.path("datasourceStates").path("indexpattern").path("layers").isEmpty()) {
            fail(where, "indexpattern layers under a ≥ 8.6 stamp (renamed formBased by the 8.6 migration)");
        }
        Map<String, EnumSet<Dataset>> layerSets = new HashMap<>();
        Map<String, JsonNode> layerColumns = new HashMap<>();
        layers.fields().forEachRemaining(e -> {
            String layerId = e.getKey();
            Optional<String> view = referenceId(lens, "indexpattern-datasource-layer-" + layerId);
            if (view.isEmpty()) {
                fail(where, "layer " + layerId + " has no reference indexpattern-datasource-layer-" + layerId);
            }
            EnumSet<Dataset> sets = view.map(this::datasets).orElse(EnumSet.noneOf(Dataset.class));
            layerSets.put(layerId, sets);
            layerColumns.put(layerId, e.getValue().path("columns"));
            layer(where + " layer " + layerId, e.getValue(), sets);
        });
        EnumSet<Dataset> all = EnumSet.noneOf(Dataset.class);
        layerSets.values().forEach(all::addAll);
        kql(where, "Lens query", state.path("query"), all);
        visualization(where, lens.path("visualizationType").asText(), state.path("visualization"), layerColumns);
        for (JsonNode l : state.path("visualization").path("layers")) {
            if ("annotations".equals(l.path("layerType").asText())) {
                annotationLayer(where + " annotation layer " + l.path("layerId").asText(), l, lens, layerColumns.keySet());
            }
        }
    }

    private void annotationLayer(String where, JsonNode l, JsonNode lens, Set<String> datasourceLayers) {
        String layerId = l.path("layerId").asText();
        l.fieldNames().forEachRemaining(k -> {
            if (!ANNOTATION_LAYER_KEYS.contains(k)) {
                fail(where, "unknown annotation layer key " + k + (k.equals("indexPatternId") ? " (runtime only: persisted as the reference "
                        + Lens.ANNOTATION_REFERENCE_PREFIX + layerId + ")" : k.equals("annotationGroupRef")
                        ? " (by-reference layers need an event-annotation-group the bundle does not ship)" : ""));
            }
        });
        if (l.has("persistanceType") && !"byValue".equals(l.path("persistanceType").asText())) {
            fail(where, "persistanceType " + l.path("persistanceType") + ": only byValue layers are shipped");
        }
        if (!l.path("ignoreGlobalFilters").isBoolean()) {
            fail(where, "ignoreGlobalFilters must be a boolean");
        }
        if (datasourceLayers.contains(layerId)) {
            fail(where, "an annotation layer has no form-based datasource layer (its id is taken by one)");
        }
        Optional<String> view = Optional.empty();
        for (JsonNode r : lens.path("references")) {
            if (r.path("name").asText().equals(Lens.ANNOTATION_REFERENCE_PREFIX + layerId)) {
                view = Optional.of(r.path("id").asText());
                if (!"index-pattern".equals(r.path("type").asText())) {
                    fail(where, "reference " + Lens.ANNOTATION_REFERENCE_PREFIX + layerId + " must be of type index-pattern");
                }
            }
        }
        if (view.isEmpty()) {
            fail(where, "no reference " + Lens.ANNOTATION_REFERENCE_PREFIX + layerId + " (KB xy persistence.ts getLayerReferenceName)");
        }
        EnumSet<Dataset> sets = view.map(this::datasets).orElse(EnumSet.noneOf(Dataset.class));
        if (!l.path("ignoreGlobalFilters").asBoolean(false)) {
            for (Field control : controlFields) {
                if (!sets.isEmpty() && control.datasets().stream().noneMatch(sets::contains)) {
                    fail(where, "keeps global filters, but the dashboard's control on " + control.name()
                            + " names a field " + sets + " events never carry: selecting a value would hide every annotation");
                }
            }
        }
        if (!l.path("annotations").isArray() || l.path("annotations").isEmpty()) {
            fail(where, "needs annotations[]");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode a : l.path("annotations")) {
            String at = where + " annotation " + a.path("id").asText("?");
            if (!ids.add(a.path("id").asText())) {
                fail(at, "annotation id used twice");
            }
            queryAnnotation(at, a, sets);
        }
    }

    private void queryAnnotation(String where, JsonNode a, EnumSet<Dataset> sets) {
        for (String k : QUERY_ANNOTATION_REQUIRED) {
            if (!a.has(k)) {
                fail(where, "no " + k);
            }
        }
        a.fieldNames().forEachRemaining(k -> {
            if (!QUERY_ANNOTATION_KEYS.contains(k)) {
                fail(where, "unknown query annotation key " + k);
            }
        });
        if (!"query".equals(a.path("type").asText())) {
            fail(where, "type " + a.path("type") + ": the bundle ships query annotations only");
        }
        if (!"point_in_time".equals(a.path("key").path("type").asText()) || a.path("key").size() != 1) {
            fail(where, "a query annotation's key is exactly {type: point_in_time}");
        }
        JsonNode filter = a.path("filter");
        if (!"kibana_query".equals(filter.path("type").asText())) {
            fail(where, "filter.type must be kibana_query");
        }
        if (filter.path("query").asText("").isBlank()) {
            fail(where, "filter.query is empty: every document of the data view would be an annotation");
        }
        kql(where, "annotation query", filter, sets);
        if (a.has("timeField")) {
            field(where, "timeField", a.path("timeField").asText(), "date_histogram", sets);
        }
        if (a.has("textField")) {
            field(where, "textField", a.path("textField").asText(), "top_metrics", sets);
        }
        if (a.has("extraFields") && !a.path("extraFields").isArray()) {
            fail(where, "extraFields must be an array");
        }
        a.path("extraFields").forEach(f -> field(where, "extraFields", f.asText(), "top_metrics", sets));
        if (a.has("icon") && !ANNOTATION_ICONS.contains(a.path("icon").asText())) {
            fail(where, "icon " + a.path("icon") + " is not one named alike in 8.x and 9.x " + ANNOTATION_ICONS);
        }
        if (a.has("lineStyle") && !LINE_STYLES.contains(a.path("lineStyle").asText())) {
            fail(where, "lineStyle " + a.path("lineStyle"));
        }
        if (a.has("textVisibility") && !a.path("textVisibility").isBoolean()) {
            fail(where, "textVisibility must be a boolean");
        }
    }

    private void layer(String where, JsonNode layer, EnumSet<Dataset> sets) {
        JsonNode columns = layer.path("columns");
        Set<String> ids = new HashSet<>();
        columns.fieldNames().forEachRemaining(ids::add);
        Set<String> order = new HashSet<>();
        layer.path("columnOrder").forEach(c -> order.add(c.asText()));
        if (!ids.equals(order) || layer.path("columnOrder").size() != ids.size()) {
            fail(where, "columnOrder " + order + " is not exactly the columns " + ids);
        }
        columns.fields().forEachRemaining(e -> column(where + " column " + e.getKey(), e.getValue(), ids, sets, columns));
    }

    private void column(String where, JsonNode c, Set<String> ids, EnumSet<Dataset> sets, JsonNode columns) {
        for (String k : COLUMN_KEYS) {
            if (!c.has(k)) {
                fail(where, "no " + k);
            }
        }
        c.fieldNames().forEachRemaining(k -> {
            if (!COLUMN_KEYS.contains(k) && !COLUMN_OPTIONAL_KEYS.contains(k)) {
                fail(where, "unknown column key " + k);
            }
        });
        String op = c.path("operationType").asText();
        Set<String> allowed = PARAMS.get(op);
        if (allowed == null) {
            fail(where, "operation " + op + " is not one the bundle's rules know");
            return;
        }
        c.path("params").fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                fail(where, "params." + k + " is not a param of " + op);
            }
        });
        for (String k : REQUIRED_PARAMS.getOrDefault(op, List.of())) {
            if (!c.path("params").has(k)) {
                fail(where, op + " needs params." + k);
            }
        }
        boolean bucket = BUCKET_OPS.contains(op);
        if (c.path("isBucketed").asBoolean() != bucket) {
            fail(where, op + " must have isBucketed " + bucket);
        }
        if (op.equals("date_histogram") && (!"date".equals(c.path("dataType").asText()) || !"interval".equals(c.path("scale").asText()))) {
            fail(where, "date_histogram has dataType date and scale interval");
        }
        if (op.equals("terms") && !"ordinal".equals(c.path("scale").asText())) {
            fail(where, "terms has scale ordinal");
        }
        if (op.equals("terms")) {
            JsonNode orderBy = c.path("params").path("orderBy");
            if ("column".equals(orderBy.path("type").asText()) && !ids.contains(orderBy.path("columnId").asText())) {
                fail(where, "orders by column " + orderBy.path("columnId").asText() + " the layer lacks");
            }
            if ("column".equals(orderBy.path("type").asText()) && columns.path(orderBy.path("columnId").asText()).path("isBucketed").asBoolean()) {
                fail(where, "orders by a bucket column");
            }
        }
        if (op.equals("percentile")) {
            double p = c.path("params").path("percentile").asDouble(-1);
            if (!c.path("params").path("percentile").isNumber() || p <= 0 || p >= 100) {
                fail(where, "percentile must be a number in (0, 100)");
            }
        }
        if (op.equals("static_value") && !c.path("isStaticValue").asBoolean()) {
            fail(where, "static_value has isStaticValue true");
        }
        if (REFERENCE_OPS.contains(op)) {
            if (c.has("sourceField")) {
                fail(where, op + " has references, no sourceField");
            }
            if (!c.path("references").isArray()) {
                fail(where, op + " needs references[]");
            }
            c.path("references").forEach(r -> {
                if (!ids.contains(r.asText())) {
                    fail(where, "references column " + r.asText() + " the layer lacks");
                }
            });
            if (op.equals("formula") && c.path("references").size() != 1) {
                // Lens' toExpression evaluates references[0] only: a formula without helpers renders nothing.
                fail(where, "a formula references exactly one helper column (KB formula.tsx toExpression)");
            }
            return;
        }
        String source = c.path("sourceField").asText();
        if (source.isEmpty()) {
            fail(where, op + " needs a sourceField");
        } else if (!source.equals(Lens.RECORDS)) {
            Optional<Field> f = field(where, op, source, op, sets);
            f.ifPresent(field -> {
                if (op.equals("terms") || op.equals("last_value")) {
                    if (!Lens.dataType(field).equals(c.path("dataType").asText())) {
                        fail(where, "dataType " + c.path("dataType").asText() + " but " + source + " is " + Lens.dataType(field));
                    }
                }
            });
        } else if (!op.equals("count")) {
            fail(where, Lens.RECORDS + " only for count");
        }
        if (op.equals("last_value")) {
            field(where, "sortField", c.path("params").path("sortField").asText(), "date_histogram", sets);
        }
        if (c.has("filter")) {
            if (!"kuery".equals(c.path("filter").path("language").asText())) {
                fail(where, "filters are KQL here (the contract checks their fields)");
            }
            kql(where, "column filter", c.path("filter"), sets);
        }
    }

    private void visualization(String where, String type, JsonNode vis, Map<String, JsonNode> layers) {
        switch (type) {
            case "lnsMetric" -> {
                accessor(where, layers, vis.path("layerId").asText(), vis.path("metricAccessor"), false);
                if (!"data".equals(vis.path("layerType").asText())) {
                    fail(where, "lnsMetric layerType data");
                }
            }
            case "lnsDatatable" -> {
                JsonNode cols = layers.get(vis.path("layerId").asText());
                if (cols == null) {
                    fail(where, "datatable layer " + vis.path("layerId").asText() + " is not a datasource layer");
                    return;
                }
                Set<String> shown = new HashSet<>();
                vis.path("columns").forEach(c -> shown.add(c.path("columnId").asText()));
                Set<String> visible = new HashSet<>();
                cols.fields().forEachRemaining(e -> {
                    if (!e.getValue().path("label").asText().startsWith("Part of ")) {
                        visible.add(e.getKey());
                    }
                });
                if (!shown.equals(visible)) {
                    fail(where, "datatable columns " + shown + " are not the layer's columns " + visible);
                }
            }
            case "lnsPie" -> {
                if (!Set.of("pie", "donut", "treemap", "mosaic", "waffle").contains(vis.path("shape").asText())) {
                    fail(where, "pie shape " + vis.path("shape"));
                }
                for (JsonNode l : vis.path("layers")) {
                    l.path("primaryGroups").forEach(g -> accessor(where, layers, l.path("layerId").asText(), g, true));
                    l.path("metrics").forEach(m -> accessor(where, layers, l.path("layerId").asText(), m, false));
                    if (l.path("metrics").isEmpty()) {
                        fail(where, "pie layer needs metrics[] (8.6+ shape)");
                    }
                }
            }
            case "lnsXY" -> {
                if (!vis.path("layers").isArray() || vis.path("layers").isEmpty()) {
                    fail(where, "lnsXY needs layers[]");
                }
                for (JsonNode l : vis.path("layers")) {
                    String id = l.path("layerId").asText();
                    switch (l.path("layerType").asText()) {
                        case "data" -> {
                            if (!SERIES_TYPES.contains(l.path("seriesType").asText())) {
                                fail(where, "seriesType " + l.path("seriesType"));
                            }
                            if (l.has("xAccessor")) {
                                accessor(where, layers, id, l.path("xAccessor"), true);
                            }
                            if (l.has("splitAccessor")) {
                                accessor(where, layers, id, l.path("splitAccessor"), true);
                            }
                            if (l.path("accessors").isEmpty()) {
                                fail(where, "data layer " + id + " has no accessors");
                            }
                            l.path("accessors").forEach(a -> accessor(where, layers, id, a, false));
                        }
                        case "referenceLine" -> l.path("accessors").forEach(a -> {
                            accessor(where, layers, id, a, false);
                            JsonNode cols = layers.get(id);
                            if (cols != null && !"static_value".equals(cols.path(a.asText()).path("operationType").asText())) {
                                fail(where, "reference line " + a.asText() + " is not a static_value column");
                            }
                        });
                        case "annotations" -> {
                            // checked with the references in annotationLayer
                        }
                        default -> fail(where, "layerType " + l.path("layerType"));
                    }
                }
            }
            default -> fail(where, "visualization type " + type + " is not one the bundle's rules know");
        }
    }

    private void accessor(String where, Map<String, JsonNode> layers, String layerId, JsonNode accessor, boolean bucket) {
        JsonNode cols = layers.get(layerId);
        if (cols == null) {
            fail(where, "visualization layer " + layerId + " is not a datasource layer");
            return;
        }
        JsonNode c = cols.path(accessor.asText());
        if (c.isMissingNode()) {
            fail(where, "accessor " + accessor.asText() + " names no column of layer " + layerId);
        } else if (c.path("isBucketed").asBoolean() != bucket) {
            fail(where, "accessor " + accessor.asText() + (bucket ? " must be a bucket column" : " must be a metric column"));
        }
    }

    // ---------------------------------------------------------------- fields

    private void kql(String where, String what, JsonNode query, EnumSet<Dataset> sets) {
        String text = query.path("query").asText("");
        if (text.isBlank()) {
            return;
        }
        if (!"kuery".equals(query.path("language").asText())) {
            fail(where, what + " is not KQL");
            return;
        }
        try {
            Kql.fields(text).forEach(f -> field(where, what + " '" + text + "'", f, null, sets));
        } catch (IllegalArgumentException e) {
            fail(where, what + ": " + e.getMessage());
        }
    }

    /** The field must be in the catalog, on the data view's datasets, and of a type the operation aggregates. */
    private Optional<Field> field(String where, String role, String name, String op, EnumSet<Dataset> sets) {
        Optional<Field> f = Fields.byName(name);
        if (f.isEmpty()) {
            fail(where, role + " names " + name + ", which io.mailtrail.schema.Fields lacks");
            return f;
        }
        if (!sets.isEmpty() && f.get().datasets().stream().noneMatch(sets::contains)) {
            fail(where, role + " names " + name + ", which " + sets + " events never carry");
        }
        if (op != null && AGGREGATABLE.containsKey(op) && !AGGREGATABLE.get(op).contains(f.get().type())) {
            fail(where, op + " cannot aggregate " + name + " (mapped " + f.get().type().mappingType() + ")");
        }
        return f;
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode parsed(JsonNode text) {
        try {
            JsonNode n = JSON.readTree(text.asText(""));
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode at(JsonNode n, String dotted) {
        JsonNode cur = n;
        for (String p : dotted.split("\\.")) {
            cur = cur.path(p);
        }
        return cur.isMissingNode() ? null : cur;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0, yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
