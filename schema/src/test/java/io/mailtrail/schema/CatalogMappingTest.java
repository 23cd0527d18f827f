package io.mailtrail.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the mapping component templates as Elasticsearch will (independently of the renderer) and compares
 * them with the catalog: every emitted field mapped, nothing mapped that the catalog lacks, same types.
 */
class CatalogMappingTest {

    @Test
    void mappedFieldsAreExactlyTheCatalogWithItsTypes() {
        Map<String, String> mapped = new TreeMap<>();
        collect(mappings(TemplateSources.ECS_MAPPINGS).path("properties"), "", mapped);
        collect(mappings(TemplateSources.MAILTRAIL_MAPPINGS).path("properties"), "", mapped);

        Map<String, String> catalog = new TreeMap<>();
        Fields.all().forEach(f -> catalog.put(f.name(), f.type().mappingType()));

        assertThat(mapped.keySet()).as("fields the catalog emits but the templates do not map")
                .containsAll(catalog.keySet());
        assertThat(catalog.keySet()).as("fields the templates map but the catalog does not define")
                .containsAll(mapped.keySet());
        assertThat(mapped).as("mapping types").isEqualTo(catalog);
    }

    @Test
    void ecsFieldsAreInTheEcsComponentAndCustomFieldsInTheMailtrailComponent() {
        Map<String, String> ecs = new TreeMap<>();
        collect(mappings(TemplateSources.ECS_MAPPINGS).path("properties"), "", ecs);
        Map<String, String> custom = new TreeMap<>();
        collect(mappings(TemplateSources.MAILTRAIL_MAPPINGS).path("properties"), "", custom);
        assertThat(ecs.keySet()).allSatisfy(name -> assertThat(Fields.byName(name)).hasValueSatisfying(f -> assertThat(f.isEcs()).isTrue()));
        assertThat(custom.keySet()).allSatisfy(name -> assertThat(name).startsWith(Fields.CUSTOM_PREFIX));
    }

    @Test
    void everyKeywordHasIgnoreAbove() {
        JsonNode props = mappings(TemplateSources.ECS_MAPPINGS).path("properties");
        JsonNode custom = mappings(TemplateSources.MAILTRAIL_MAPPINGS).path("properties");
        for (Field f : Fields.all()) {
            if (f.type() != FieldType.KEYWORD) {
                continue;
            }
            JsonNode leaf = leaf(f.isEcs() ? props : custom, f.name());
            assertThat(leaf.path("ignore_above").asInt()).as("ignore_above of %s", f.name()).isPositive();
        }
    }

    @Test
    void sourceOnlyFieldsAreNeitherIndexedNorInDocValuesAndOthersAre() {
        JsonNode custom = mappings(TemplateSources.MAILTRAIL_MAPPINGS).path("properties");
        JsonNode ecs = mappings(TemplateSources.ECS_MAPPINGS).path("properties");
        int sourceOnly = 0;
        for (Field f : Fields.all()) {
            JsonNode leaf = leaf(f.isEcs() ? ecs : custom, f.name());
            boolean only = f.type() == FieldType.SOURCE_ONLY_KEYWORD;
            sourceOnly += only ? 1 : 0;
            assertThat(leaf.path("index").asBoolean(true)).as("index of %s", f.name()).isEqualTo(!only);
            assertThat(leaf.path("doc_values").asBoolean(true)).as("doc_values of %s", f.name()).isEqualTo(!only);
        }
        assertThat(sourceOnly).as("the alert history's JSON strings").isEqualTo(2);
    }

    @Test
    void theAlertHistoryFieldsAreTheAlertsDatasetsOwnAndItCarriesTheEcsBasics() {
        List<String> own = Fields.all().stream().filter(f -> f.name().startsWith(Fields.CUSTOM_PREFIX + "alert."))
                .map(Field::name).toList();
        assertThat(own).hasSize(10);
        assertThat(Fields.of(Dataset.ALERTS).stream().map(Field::name))
                .containsAll(own)
                .contains("@timestamp", "event.action", "event.outcome", "event.duration", "message", "error.message",
                        "data_stream.dataset", "data_stream.namespace")
                .doesNotContain("mailtrail.provider", "trace.id");
        assertThat(Fields.of(Dataset.CALLS)).noneMatch(f -> own.contains(f.name()));
        assertThat(Fields.byName("mailtrail.alert.condition_met")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo(FieldType.BOOLEAN));
        assertThat(Fields.byName("mailtrail.alert.scheduled_time")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo(FieldType.DATE));
        assertThat(Fields.byName("mailtrail.alert.search_took_ms")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo(FieldType.LONG));
        assertThat(TemplateSources.events(Fields.TIMESTAMP)).isEqualTo("all");
        assertThat(TemplateSources.events(Fields.EVENT_DURATION)).isEqualTo("calls, alerts");
        assertThat(TemplateSources.events(Fields.TRACE_ID)).isEqualTo("both");
    }

    @Test
    void unknownFieldsAreNotIndexedAndKeywordObjectsOnlyGrowKeywords() {
        JsonNode m = mappings(TemplateSources.ECS_MAPPINGS);
        assertThat(m.path("dynamic").asText()).isEqualTo("false");
        for (Field f : Fields.all()) {
            if (f.type() != FieldType.KEYWORD_OBJECT) {
                continue;
            }
            assertThat(leaf(m.path("properties"), f.name()).path("subobjects").asBoolean(true)).isFalse();
            boolean hasKeywordTemplate = false;
            for (JsonNode t : m.path("dynamic_templates")) {
                JsonNode body = t.elements().next();
                if (body.path("path_match").toString().contains("\"" + f.name() + ".*\"")) {
                    hasKeywordTemplate = body.path("mapping").path("type").asText().equals("keyword");
                }
            }
            assertThat(hasKeywordTemplate).as("dynamic template mapping %s.* to keyword", f.name()).isTrue();
        }
    }

    private static JsonNode mappings(java.nio.file.Path file) {
        return TemplateSources.readJson(file).path("template").path("mappings");
    }

    private static JsonNode leaf(JsonNode properties, String dotted) {
        String[] parts = dotted.split("\\.");
        JsonNode node = properties;
        for (int i = 0; i < parts.length; i++) {
            node = node.path(parts[i]);
            if (i < parts.length - 1) {
                node = node.path("properties");
            }
        }
        return node;
    }

    /** A leaf is a node without properties; so an object field declared without children (labels) is one. */
    private static void collect(JsonNode properties, String prefix, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode node = e.getValue();
            if (node.has("properties")) {
                collect(node.get("properties"), name + ".", out);
            } else {
                out.put(name, node.path("type").asText());
            }
        }
    }
}
