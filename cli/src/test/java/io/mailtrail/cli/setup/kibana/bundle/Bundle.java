package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;

/**
 * Writes {@code kibana-dashboards/mailtrail.ndjson} from {@link Dashboards}' readable definitions, in Kibana's
 * export form: one object a line; {@code panelsJSON}, {@code optionsJSON}, {@code searchSourceJSON},
 * {@code controlGroupInput.panelsJSON}, data view {@code fieldFormatMap} etc. as JSON <em>strings</em>, Lens
 * {@code state} as objects (Kibana's dashboard and data view saved object types map these attributes as text:
 * {@code elastic/kibana .../dashboard_saved_object/dashboard_saved_object.ts}, {@code data_views/server/saved_objects/data_views.ts}).
 *
 * <p>Migration stamps: {@code coreMigrationVersion 8.8.0} (what every 8.8+ and 9.x export writes), index-pattern
 * {@code 8.0.0}, search {@code 8.0.0}, dashboard {@code 8.9.0}: the newest legacy stamps, which every Kibana
 * from 8.9 to 9.x accepts and migrates upward ({@code ../shared/reference/kibana-shapes.md} §2: 8.14 is the
 * first to accept a dashboard stamped {@code 10.2.0}, 8.12 the first to accept search {@code 10.1.0}).
 */
public final class Bundle {

    public static final String CORE_MIGRATION_VERSION = "8.8.0";
    public static final Map<String, String> TYPE_MIGRATION_VERSION = Map.of(
            "index-pattern", "8.0.0", "search", "8.0.0", "dashboard", "8.9.0", "lens", "8.9.0");

    public static final String CALLS_VIEW = "mailtrail-calls";
    public static final String DELIVERY_VIEW = "mailtrail-delivery";
    public static final String ALL_VIEW = "mailtrail-all";
    public static final String ALERTS_VIEW = "mailtrail-alerts";
    /** The data streams the alert engine writes its executions to (the catalog's alerts dataset). */
    public static final String ALERTS_PATTERN = Dataset.ALERTS.indexPattern();
    public static final String LIVE_CALLS_SEARCH = "mailtrail-live-calls";

    private Bundle() {
    }

    /** Every object of the bundle, in import order (data views, then the search, then the dashboards). */
    public static List<ObjectNode> objects() {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(dataView(CALLS_VIEW, Dataset.CALLS.indexPattern(), "mailtrail calls", true));
        objects.add(dataView(DELIVERY_VIEW, Dataset.DELIVERY.indexPattern(), "mailtrail delivery", false));
        objects.add(dataView(ALL_VIEW, Dataset.CALLS.indexPattern() + "," + Dataset.DELIVERY.indexPattern(),
                "mailtrail calls and delivery", true));
        objects.add(alertsView());
        objects.add(liveCalls());
        for (Dashboards.Dashboard d : Dashboards.all()) {
            objects.add(dashboard(d));
        }
        return objects;
    }

    /** The NDJSON text: one object a line, ending with a newline. */
    public static String ndjson() {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode o : objects()) {
            sb.append(o.toString()).append('\n');
        }
        return sb.toString();
    }

    private static ObjectNode envelope(String type, String id) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("id", id);
        o.put("managed", false);
        o.put("coreMigrationVersion", CORE_MIGRATION_VERSION);
        o.put("typeMigrationVersion", TYPE_MIGRATION_VERSION.get(type));
        return o;
    }

    /**
     * A data view. {@code fields "[]"}: Kibana reads fields from the mappings. Durations are shown in ms:
     * {@code event.duration} is nanoseconds, the retry delays are already ms (Kibana's {@code duration} field
     * format, params inputFormat/outputFormat/outputPrecision). {@code trace.id} links to the APM trace.
     */
    private static ObjectNode dataView(String id, String pattern, String name, boolean calls) {
        ObjectNode o = envelope("index-pattern", id);
        ObjectNode a = JSON.createObjectNode();
        a.put("title", pattern);
        a.put("name", name);
        a.put("timeFieldName", Fields.TIMESTAMP.name());
        a.put("fields", "[]");
        ObjectNode formats = JSON.createObjectNode();
        if (calls) {
            formats.set(Fields.EVENT_DURATION.name(), duration("nanoseconds"));
            formats.set(Fields.RETRY_DELAY.name(), duration("milliseconds"));
            formats.set(Fields.RETRY_AFTER.name(), duration("milliseconds"));
        }
        ObjectNode traceLink = formats.putObject(Fields.TRACE_ID.name());
        traceLink.put("id", "url");
        traceLink.putObject("params").put("type", "a").put("urlTemplate", "/app/apm/link-to/trace/{{value}}")
                .put("labelTemplate", "{{value}}").put("openLinkInCurrentTab", false);
        a.put("fieldFormatMap", formats.toString());
        a.put("runtimeFieldMap", "{}");
        a.put("sourceFilters", "[]");
        a.put("typeMeta", "{}");
        a.put("fieldAttrs", "{}");
        a.put("allowNoIndex", true);
        o.set("attributes", a);
        o.putArray("references");
        return o;
    }

    private static ObjectNode duration(String input) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", "duration");
        f.putObject("params").put("inputFormat", input).put("outputFormat", "asMilliseconds").put("outputPrecision", 1)
                .put("showSuffix", true).put("useShortSuffix", true);
        return f;
    }

    /** The data view the alert engine's executions are read through (annotations on the overview). */
    private static ObjectNode alertsView() {
        ObjectNode o = envelope("index-pattern", ALERTS_VIEW);
        ObjectNode a = JSON.createObjectNode();
        a.put("title", ALERTS_PATTERN);
        a.put("name", "mailtrail alerts");
        a.put("timeFieldName", Fields.TIMESTAMP.name());
        a.put("fields", "[]");
        a.put("fieldFormatMap", "{}");
        a.put("runtimeFieldMap", "{}");
        a.put("sourceFilters", "[]");
        a.put("typeMeta", "{}");
        a.put("fieldAttrs", "{}");
        a.put("allowNoIndex", true);
        o.set("attributes", a);
        o.putArray("references");
        return o;
    }

    /** Columns of the Discover search "mailtrail — live calls". */
    public static final List<Field> LIVE_CALL_COLUMNS = List.of(Fields.PROVIDER, Fields.SERVICE_NAME, Fields.TEMPLATE,
            Fields.EVENT_OUTCOME, Fields.ERROR_CATEGORY, Fields.ERROR_CODE, Fields.EVENT_DURATION, Fields.ATTEMPT_NUMBER,
            Fields.TRACE_ID, Fields.MESSAGE);

    private static ObjectNode liveCalls() {
        ObjectNode o = envelope("search", LIVE_CALLS_SEARCH);
        ObjectNode a = JSON.createObjectNode();
        a.put("title", "mailtrail — live calls");
        a.put("description", "Every attempt of an email call, newest first.");
        ArrayNode cols = a.putArray("columns");
        LIVE_CALL_COLUMNS.forEach(f -> cols.add(f.name()));
        a.putArray("sort").addArray().add(Fields.TIMESTAMP.name()).add("desc");
        a.putObject("grid");
        a.put("hideChart", false);
        ObjectNode source = JSON.createObjectNode();
        source.putObject("query").put("query", "").put("language", "kuery");
        source.putArray("filter");
        source.put("indexRefName", "kibanaSavedObjectMeta.searchSourceJSON.index");
        a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", source.toString());
        o.set("attributes", a);
        o.putArray("references").addObject().put("name", "kibanaSavedObjectMeta.searchSourceJSON.index")
                .put("type", "index-pattern").put("id", CALLS_VIEW);
        return o;
    }

    private static ObjectNode dashboard(Dashboards.Dashboard d) {
        ObjectNode o = envelope("dashboard", d.id());
        ObjectNode a = JSON.createObjectNode();
        a.put("title", d.title());
        a.put("description", d.description());
        ArrayNode refs = JSON.createArrayNode();
        ArrayNode panels = JSON.createArrayNode();
        for (Dashboards.Panel p : d.panels()) {
            ObjectNode panel = panels.addObject();
            panel.put("type", "lens");
            panel.put("panelIndex", p.id());
            panel.putObject("gridData").put("x", p.x()).put("y", p.y()).put("w", p.w()).put("h", p.h()).put("i", p.id());
            ObjectNode config = panel.putObject("embeddableConfig");
            config.set("attributes", p.attributes());
            config.putObject("enhancements");
            panel.put("title", p.attributes().path("title").asText());
            // By-value Lens references are repeated at dashboard level, prefixed with the panel index
            // (Kibana sample data ecommerce/flights, elastic/integrations aws_bedrock).
            for (JsonNode r : p.attributes().path("references")) {
                refs.addObject().put("type", r.path("type").asText()).put("id", r.path("id").asText())
                        .put("name", p.id() + ":" + r.path("name").asText());
            }
        }
        a.put("panelsJSON", panels.toString());
        a.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,\"syncTooltips\":false,\"hidePanelTitles\":false}");
        a.put("version", 1);
        a.put("timeRestore", true);
        a.put("timeFrom", "now-24h");
        a.put("timeTo", "now");
        a.putObject("refreshInterval").put("pause", false).put("value", 30000);
        ObjectNode source = JSON.createObjectNode();
        source.putObject("query").put("query", "").put("language", "kuery");
        source.putArray("filter");
        a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", source.toString());
        ObjectNode controls = JSON.createObjectNode();
        int order = 0;
        for (Field f : d.controls()) {
            String controlId = d.id() + "-control-" + f.name().replace('.', '-');
            ObjectNode c = controls.putObject(controlId);
            c.put("order", order++);
            c.put("width", "medium");
            c.put("grow", true);
            c.put("type", "optionsListControl");
            ObjectNode in = c.putObject("explicitInput");
            in.put("id", controlId);
            in.put("fieldName", f.name());
            in.put("title", controlTitle(f));
            in.put("searchTechnique", "prefix");
            in.put("singleSelect", false);
            in.putObject("enhancements");
            refs.addObject().put("type", "index-pattern").put("id", d.dataView())
                    .put("name", "controlGroup_" + controlId + ":optionsListDataView");
        }
        ObjectNode group = a.putObject("controlGroupInput");
        group.put("controlStyle", "oneLine");
        group.put("chainingSystem", "HIERARCHICAL");
        group.put("panelsJSON", controls.toString());
        group.put("ignoreParentSettingsJSON", "{\"ignoreFilters\":false,\"ignoreQuery\":false,\"ignoreTimerange\":false,\"ignoreValidations\":false}");
        o.set("attributes", a);
        o.set("references", refs);
        return o;
    }

    private static String controlTitle(Field f) {
        if (f == Fields.PROVIDER) {
            return "Provider";
        }
        if (f == Fields.SERVICE_NAME) {
            return "Service";
        }
        if (f == Fields.SERVICE_ENVIRONMENT) {
            return "Environment";
        }
        if (f == Fields.DATA_STREAM_NAMESPACE) {
            return "Namespace";
        }
        return f.name();
    }

    static String pretty(JsonNode n) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
