package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed bundle follows every rule of {@link BundleContract}, and each rule catches what it is for. */
class BundleContractTest {

    private static String bundle() throws IOException {
        return Files.readString(GeneratedBundleTest.FILE, StandardCharsets.UTF_8);
    }

    @Test
    void theCommittedBundleFollowsEveryRule() throws IOException {
        assertThat(BundleContract.check(bundle())).isEmpty();
    }

    @Test
    void idsAndTitlesAreStable() throws IOException {
        List<String> keys = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String line : bundle().split("\n")) {
            JsonNode o = JSON.readTree(line);
            keys.add(o.path("type").asText() + "/" + o.path("id").asText());
            titles.add(o.path("attributes").path("title").asText());
        }
        // Re-import overwrites only because these never change: renaming one would leave a stale copy in every Kibana.
        assertThat(keys).containsExactly("index-pattern/mailtrail-calls", "index-pattern/mailtrail-delivery", "index-pattern/mailtrail-all",
                "index-pattern/mailtrail-alerts", "search/mailtrail-live-calls", "dashboard/mailtrail-overview",
                "dashboard/mailtrail-failures", "dashboard/mailtrail-delivery-reputation");
        assertThat(titles).contains("Email calls — overview", "Failures & diagnosis", "Delivery & reputation", "mailtrail — live calls",
                "logs-mailtrail.calls-*", "logs-mailtrail.delivery-*", "logs-mailtrail.calls-*,logs-mailtrail.delivery-*", "logs-mailtrail.alerts-*");
    }

    @Test
    void theOverviewIsALiveViewOfTheLastDayWithItsControls() throws IOException {
        JsonNode overview = object("dashboard/mailtrail-overview");
        JsonNode a = overview.path("attributes");
        assertThat(a.path("timeRestore").asBoolean()).isTrue();
        assertThat(a.path("timeFrom").asText()).isEqualTo("now-24h");
        assertThat(a.path("refreshInterval").path("pause").asBoolean()).as("refreshes itself").isFalse();
        JsonNode controls = JSON.readTree(a.path("controlGroupInput").path("panelsJSON").asText());
        List<String> fields = new ArrayList<>();
        controls.forEach(c -> fields.add(c.path("explicitInput").path("fieldName").asText()));
        assertThat(fields).containsExactly("mailtrail.provider", "service.name", "service.environment", "data_stream.namespace");
    }

    @Test
    void durationsAreShownInMilliseconds() throws IOException {
        JsonNode formats = JSON.readTree(object("index-pattern/mailtrail-calls").path("attributes").path("fieldFormatMap").asText());
        assertThat(formats.path("event.duration").path("params").path("inputFormat").asText()).isEqualTo("nanoseconds");
        assertThat(formats.path("event.duration").path("params").path("outputFormat").asText()).isEqualTo("asMilliseconds");
        assertThat(formats.path("mailtrail.retry.delay_ms").path("params").path("inputFormat").asText()).isEqualTo("milliseconds");
        assertThat(formats.path("mailtrail.rate_limit.retry_after_ms").path("params").path("inputFormat").asText()).isEqualTo("milliseconds");
    }

    // ------------------------------------------------------------------ each rule catches its mistake

    @Test
    void aMissingDashboardLevelReferenceIsCaught() throws IOException {
        assertThat(mutateDashboard(d -> ((ArrayNode) d.path("references")).remove(0), null))
                .anyMatch(v -> v.contains("dashboard lacks reference"));
    }

    @Test
    void overlappingOrOversizedPanelsAreCaught() throws IOException {
        assertThat(mutateDashboard(null, panels -> ((ObjectNode) panels.get(1).path("gridData")).put("x", 3)))
                .anyMatch(v -> v.contains("overlaps another panel"));
        assertThat(mutateDashboard(null, panels -> ((ObjectNode) panels.get(0).path("gridData")).put("w", 60)))
                .anyMatch(v -> v.contains("outside the 48-column grid"));
    }

    @Test
    void aFieldTheCatalogLacksOrCannotAggregateIsCaught() throws IOException {
        assertThat(mutateColumn("average", c -> c.put("sourceField", "mailtrail.no_such_field")))
                .anyMatch(v -> v.contains("names mailtrail.no_such_field, which io.mailtrail.schema.Fields lacks"));
        assertThat(mutateColumn("average", c -> c.put("sourceField", "mailtrail.provider")))
                .anyMatch(v -> v.contains("average cannot aggregate mailtrail.provider (mapped keyword)"));
        assertThat(mutateColumn("count", c -> c.putObject("filter").put("query", "error.kind : \"x\"").put("language", "kuery")))
                .anyMatch(v -> v.contains("names error.kind"));
        assertThat(mutateColumn("percentile", c -> c.remove("params")))
                .anyMatch(v -> v.contains("percentile needs params.percentile"));
    }

    @Test
    void aFieldOfTheOtherDatasetIsCaught() throws IOException {
        String broken = bundle().replace("\\\"sourceField\\\":\\\"mailtrail.delivery.bounce_count\\\"", "\\\"sourceField\\\":\\\"event.duration\\\"");
        assertThat(broken).isNotEqualTo(bundle());
        assertThat(BundleContract.check(broken)).anyMatch(v -> v.contains("names event.duration, which [DELIVERY] events never carry"));
    }

    @Test
    void aTooNewStampOrADecodedAttributeIsCaught() throws IOException {
        assertThat(mutateDashboard(d -> d.put("typeMigrationVersion", "10.3.0"), null))
                .anyMatch(v -> v.contains("newer than Kibana 8.14 knows"));
        assertThat(mutateDashboard(d -> {
            try {
                ((ObjectNode) d.path("attributes")).set("panelsJSON", JSON.readTree(d.path("attributes").path("panelsJSON").asText()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, null)).anyMatch(v -> v.contains("attributes.panelsJSON must be a JSON string"));
    }

    @Test
    void anAccessorWithoutItsColumnIsCaught() throws IOException {
        assertThat(mutateDashboard(null, panels -> {
            ObjectNode vis = (ObjectNode) panels.get(0).path("embeddableConfig").path("attributes").path("state").path("visualization");
            vis.put("metricAccessor", "gone");
        })).anyMatch(v -> v.contains("accessor gone names no column"));
    }

    @Test
    void theOverviewsTimeChartsShowAlertEmailsFromTheAlertHistoryWhateverTheControlsSelect() throws IOException {
        JsonNode overview = object("dashboard/mailtrail-overview");
        ArrayNode panels = (ArrayNode) JSON.readTree(overview.path("attributes").path("panelsJSON").asText());
        List<String> annotated = new ArrayList<>();
        for (JsonNode p : panels) {
            JsonNode lens = p.path("embeddableConfig").path("attributes");
            for (JsonNode l : lens.path("state").path("visualization").path("layers")) {
                if (!l.path("layerType").asText().equals("annotations")) {
                    continue;
                }
                annotated.add(p.path("title").asText());
                assertThat(l.path("ignoreGlobalFilters").asBoolean()).isTrue();
                assertThat(l.path("persistanceType").asText()).isEqualTo("byValue");
                JsonNode a = l.path("annotations").get(0);
                assertThat(a.path("type").asText()).isEqualTo("query");
                assertThat(a.path("filter").path("query").asText()).isEqualTo("mailtrail.alert.actions.executed : *");
                assertThat(a.path("textField").asText()).isEqualTo("mailtrail.alert.watch_id");
                String ref = "xy-visualization-layer-" + l.path("layerId").asText();
                assertThat(lens.path("references").toString()).contains("\"name\":\"" + ref + "\"").contains("\"id\":\"mailtrail-alerts\"");
                assertThat(overview.path("references").toString()).contains(p.path("panelIndex").asText() + ":" + ref);
                assertThat(lens.path("state").path("datasourceStates").path("formBased").path("layers").has(l.path("layerId").asText()))
                        .as("no datasource layer behind an annotation layer").isFalse();
            }
        }
        assertThat(annotated).containsExactly("Success vs failure over time", "Response time percentiles over time");
    }

    @Test
    void anAnnotationLayerWithoutItsDataViewReferenceIsCaught() throws IOException {
        assertThat(mutateAnnotationLayer((layer, lens) -> {
            ArrayNode refs = (ArrayNode) lens.path("references");
            for (int i = refs.size() - 1; i >= 0; i--) {
                if (refs.get(i).path("name").asText().startsWith("xy-visualization-layer-")) {
                    refs.remove(i);
                }
            }
        })).anyMatch(v -> v.contains("no reference xy-visualization-layer-ov-outcome-over-time-alerts"));
        assertThat(mutateAnnotationLayer((layer, lens) -> layer.put("indexPatternId", "mailtrail-alerts")))
                .anyMatch(v -> v.contains("unknown annotation layer key indexPatternId (runtime only"));
        assertThat(mutateAnnotationLayer((layer, lens) -> layer.put("persistanceType", "byReference")))
                .anyMatch(v -> v.contains("only byValue layers are shipped"));
    }

    @Test
    void anAnnotationNamingAFieldOutsideTheAlertsDatasetOrWithoutDocValuesIsCaught() throws IOException {
        assertThat(mutateAnnotationLayer((layer, lens) -> annotation(layer).putObject("filter").put("type", "kibana_query")
                .put("query", "mailtrail.alert.action.executed : *").put("language", "kuery")))
                .anyMatch(v -> v.contains("annotation query 'mailtrail.alert.action.executed : *' names mailtrail.alert.action.executed, which io.mailtrail.schema.Fields lacks"));
        assertThat(mutateAnnotationLayer((layer, lens) -> annotation(layer).putObject("filter").put("type", "kibana_query")
                .put("query", "mailtrail.provider : \"ses\"").put("language", "kuery")))
                .anyMatch(v -> v.contains("names mailtrail.provider, which [ALERTS] events never carry"));
        assertThat(mutateAnnotationLayer((layer, lens) -> annotation(layer).put("textField", "mailtrail.alert.state")))
                .anyMatch(v -> v.contains("top_metrics cannot aggregate mailtrail.alert.state"));
        assertThat(mutateAnnotationLayer((layer, lens) -> ((ArrayNode) annotation(layer).path("extraFields")).add("message")))
                .anyMatch(v -> v.contains("top_metrics cannot aggregate message (mapped text)"));
        assertThat(mutateAnnotationLayer((layer, lens) -> annotation(layer).put("icon", "alert")))
                .anyMatch(v -> v.contains("icon \"alert\" is not one named alike in 8.x and 9.x"));
        assertThat(mutateAnnotationLayer((layer, lens) -> ((ObjectNode) annotation(layer).path("key")).put("timestamp", "2026-11-27T10:00:00Z")))
                .anyMatch(v -> v.contains("key is exactly {type: point_in_time}"));
        assertThat(mutateAnnotationLayer((layer, lens) -> annotation(layer).put("source", "x")))
                .anyMatch(v -> v.contains("unknown query annotation key source"));
    }

    @Test
    void anAnnotationLayerTheCallControlsWouldFilterIsCaught() throws IOException {
        assertThat(mutateAnnotationLayer((layer, lens) -> layer.put("ignoreGlobalFilters", false)))
                .anyMatch(v -> v.contains("keeps global filters, but the dashboard's control on mailtrail.provider"));
        assertThat(mutateAnnotationLayer((layer, lens) -> layer.remove("ignoreGlobalFilters")))
                .anyMatch(v -> v.contains("ignoreGlobalFilters must be a boolean"));
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode annotation(ObjectNode layer) {
        return (ObjectNode) layer.path("annotations").get(0);
    }

    /** Breaks the annotation layer of the overview's first annotated chart (the dashboard-level references follow). */
    private static List<String> mutateAnnotationLayer(java.util.function.BiConsumer<ObjectNode, ObjectNode> change) throws IOException {
        String[] panelIndex = new String[1];
        List<String> violations = mutateDashboard(d -> {
            // keep the dashboard-level references in step with the panel's, as Kibana would write them
            ArrayNode refs = (ArrayNode) d.path("references");
            try {
                JsonNode panels = JSON.readTree(d.path("attributes").path("panelsJSON").asText());
                for (JsonNode p : panels) {
                    if (!p.path("panelIndex").asText().equals(panelIndex[0])) {
                        continue;
                    }
                    for (int i = refs.size() - 1; i >= 0; i--) {
                        if (refs.get(i).path("name").asText().startsWith(panelIndex[0] + ":")) {
                            refs.remove(i);
                        }
                    }
                    for (JsonNode r : p.path("embeddableConfig").path("attributes").path("references")) {
                        refs.addObject().put("type", r.path("type").asText()).put("id", r.path("id").asText())
                                .put("name", panelIndex[0] + ":" + r.path("name").asText());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, panels -> {
            for (JsonNode p : panels) {
                ObjectNode lens = (ObjectNode) p.path("embeddableConfig").path("attributes");
                for (JsonNode l : lens.path("state").path("visualization").path("layers")) {
                    if (l.path("layerType").asText().equals("annotations")) {
                        panelIndex[0] = p.path("panelIndex").asText();
                        change.accept((ObjectNode) l, lens);
                        return;
                    }
                }
            }
            throw new AssertionError("no annotation layer in the overview");
        });
        assertThat(panelIndex[0]).isEqualTo("ov-outcome-over-time");
        return violations;
    }

    private static JsonNode object(String key) throws IOException {
        for (String line : bundle().split("\n")) {
            JsonNode o = JSON.readTree(line);
            if ((o.path("type").asText() + "/" + o.path("id").asText()).equals(key)) {
                return o;
            }
        }
        throw new AssertionError(key + " not in the bundle");
    }

    /** Breaks the overview: the object, and/or its decoded panels (re-encoded afterwards). */
    private static List<String> mutateDashboard(Consumer<ObjectNode> onObject, Consumer<ArrayNode> onPanels) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : bundle().split("\n")) {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            if (o.path("id").asText().equals("mailtrail-overview")) {
                if (onPanels != null) {
                    ArrayNode panels = (ArrayNode) JSON.readTree(o.path("attributes").path("panelsJSON").asText());
                    onPanels.accept(panels);
                    ((ObjectNode) o.path("attributes")).put("panelsJSON", panels.toString());
                }
                if (onObject != null) {
                    onObject.accept(o);
                }
            }
            out.append(o).append('\n');
        }
        return BundleContract.check(out.toString().strip());
    }

    /** Breaks the first column of this operation in the overview. */
    private static List<String> mutateColumn(String operation, Consumer<ObjectNode> change) throws IOException {
        return mutateDashboard(null, panels -> {
            for (JsonNode p : panels) {
                JsonNode layers = p.path("embeddableConfig").path("attributes").path("state").path("datasourceStates").path("formBased").path("layers");
                for (JsonNode layer : layers) {
                    for (JsonNode c : layer.path("columns")) {
                        if (c.path("operationType").asText().equals(operation)) {
                            change.accept((ObjectNode) c);
                            return;
                        }
                    }
                }
            }
            throw new AssertionError("no " + operation + " column in the overview");
        });
    }
}
