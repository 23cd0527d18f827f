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

    // ------------------------------------------------------------------ helpers

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
