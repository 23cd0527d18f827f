package io.mailtrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.FieldType;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mailtrail setup} against the real node, and events written into what it installed. */
@ExtendWith(ElasticsearchExtension.class)
class SetupIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchNode es;

    @BeforeEach
    void setUp(ElasticsearchNode es) {
        this.es = es;
        Run run = setup();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    }

    @Test
    void secondRunChangesNothing() {
        Run second = setup();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
        assertThat(second.out())
                .contains("component template   mailtrail-ecs-mappings           unchanged")
                .contains("index template       logs-mailtrail.calls             unchanged")
                .contains("index template       logs-mailtrail.delivery          unchanged")
                .contains("done: 0 created, 0 updated, 7 unchanged")
                .contains("data stream lifecycle, retention 30d (the cluster has no ILM)");
    }

    @Test
    void aChangedTemplateIsUpdatedBackAndADryRunOnlyReportsIt() throws IOException {
        try (RestClient client = es.restClient()) {
            put(client, "/_component_template/mailtrail-settings",
                    "{\"template\":{\"settings\":{\"index.mapping.total_fields.ignore_dynamic_beyond_limit\":false}}}");

            Run dry = setup("--dry-run");
            assertThat(dry.out()).contains("mailtrail-settings               would be updated")
                    .contains("dry run done: 0 would be created, 1 would be updated, 6 unchanged");
            assertThat(ignoreDynamicBeyondLimit(client)).as("a dry run changes nothing").isEqualTo("false");

            Run fix = setup();
            assertThat(fix.out()).contains("mailtrail-settings               updated").contains("done: 0 created, 1 updated, 6 unchanged");
            assertThat(ignoreDynamicBeyondLimit(client)).isEqualTo("true");
            assertThat(setup().out()).contains("0 updated, 7 unchanged");
        }
    }

    @Test
    void aTemplateOfHigherPriorityThatWouldTakeTheNamespaceIsNamed() throws IOException {
        try (RestClient client = es.restClient()) {
            put(client, "/_index_template/shadowing-logs",
                    "{\"index_patterns\":[\"logs-mailtrail.calls-shadowed\"],\"priority\":300,\"data_stream\":{}}");
            try {
                Run run = setup("--namespace", "shadowed");
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
                assertThat(run.err()).contains("index template 'shadowing-logs' (priority 300, index_patterns [logs-mailtrail.calls-shadowed])"
                        + " wins over mailtrail's 'logs-mailtrail.calls' for logs-mailtrail.calls-shadowed");
            } finally {
                client.performRequest(new Request("DELETE", "/_index_template/shadowing-logs"));
            }
            Run clean = setup("--namespace", "shadowed");
            assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(ExitCode.OK);
            assertThat(clean.out()).contains("logs-mailtrail.calls-shadowed will be shaped by index template logs-mailtrail.calls");
        }
    }

    @Test
    void callAndDeliveryEventsLandInDataStreamsWithExactlyTheCatalogMapping() throws IOException {
        try (RestClient client = es.restClient()) {
            JsonNode bulk = bulk(client, Dataset.CALLS.dataStream("default"), exampleEvent(Dataset.CALLS),
                    Dataset.DELIVERY.dataStream("default"), exampleEvent(Dataset.DELIVERY),
                    Dataset.ALERTS.dataStream("default"), exampleEvent(Dataset.ALERTS));
            assertThat(bulk.path("errors").asBoolean()).as(bulk.toString()).isFalse();
            assertThat(bulk.path("items").get(0).path("create").path("_index").asText()).startsWith(".ds-logs-mailtrail.calls-default-");
            assertThat(bulk.path("items").get(1).path("create").path("_index").asText()).startsWith(".ds-logs-mailtrail.delivery-default-");
            assertThat(bulk.path("items").get(2).path("create").path("_index").asText()).startsWith(".ds-logs-mailtrail.alerts-default-");

            for (Dataset d : Dataset.values()) {
                JsonNode mappings = mappingOf(client, d.dataStream("default"));
                assertThat(mappings.path("dynamic").asText()).isEqualTo("false");
                assertThat(leafTypes(mappings.path("properties"))).as("mapping of %s", d.dataStream("default")).isEqualTo(catalogTypes());
            }
        }
    }

    @Test
    void unknownFieldsAreAcceptedAndLeaveTheMappingAlone() throws IOException {
        try (RestClient client = es.restClient()) {
            ObjectNode event = exampleEvent(Dataset.CALLS);
            event.put("surprise", 42);
            event.putObject("nested").putObject("deeper").put("x", "y");
            event.put("event.unexpected", "value");
            event.put(Fields.LABELS.name() + ".attempts", 3);
            event.putObject(Fields.LABELS.name() + ".owner").put("team", "billing");
            JsonNode bulk = bulk(client, Dataset.CALLS.dataStream("unknownfields"), event);
            assertThat(bulk.path("errors").asBoolean()).as(bulk.toString()).isFalse();

            JsonNode mappings = mappingOf(client, Dataset.CALLS.dataStream("unknownfields"));
            Map<String, String> types = leafTypes(mappings.path("properties"));
            assertThat(types).isEqualTo(catalogTypes());
            JsonNode labels = mappings.path("properties").path(Fields.LABELS.name()).path("properties");
            assertThat(labels.path("attempts").path("type").asText()).as("numbers in labels become keywords").isEqualTo("keyword");
            assertThat(labels.path("owner.team").path("type").asText()).as("objects in labels flatten to keywords").isEqualTo("keyword");

            refresh(client, Dataset.CALLS.dataStream("unknownfields"));
            Request search = new Request("GET", "/" + Dataset.CALLS.dataStream("unknownfields") + "/_search");
            search.setJsonEntity("{\"query\":{\"term\":{\"labels.attempts\":\"3\"}}}");
            JsonNode hits = read(client.performRequest(search).getEntity()).path("hits").path("hits");
            assertThat(hits).hasSize(1);
            assertThat(hits.get(0).path("_source").path("surprise").asInt()).as("unknown fields are kept in _source").isEqualTo(42);
        }
    }

    @Test
    void aCatalogFieldOfTheWrongTypeIsRejectedItemWiseWithAReadableReason() throws IOException {
        try (RestClient client = es.restClient()) {
            ObjectNode bad = exampleEvent(Dataset.CALLS);
            bad.put(Fields.EVENT_DURATION.name(), "abc");
            JsonNode bulk = bulk(client, Dataset.CALLS.dataStream("rejects"), exampleEvent(Dataset.CALLS),
                    Dataset.CALLS.dataStream("rejects"), bad);
            assertThat(bulk.path("errors").asBoolean()).isTrue();
            assertThat(bulk.path("items").get(0).path("create").path("status").asInt()).as("the good item").isEqualTo(201);
            JsonNode item = bulk.path("items").get(1).path("create");
            assertThat(item.path("status").asInt()).isEqualTo(400);
            assertThat(item.path("error").path("type").asText()).isIn("document_parsing_exception", "mapper_parsing_exception");
            assertThat(item.path("error").path("reason").asText())
                    .contains("failed to parse field [" + Fields.EVENT_DURATION.name() + "] of type [long]");
            assertThat(item.path("error").path("caused_by").path("reason").asText()).contains("For input string: \"abc\"");
        }
    }

    private Run setup(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "setup";
        args[1] = "--es-url";
        args[2] = es.url().toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return Run.of(args);
    }

    /** A complete event of a dataset: every catalog field it may carry, with the catalog's example value. */
    static ObjectNode exampleEvent(Dataset dataset) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        for (Field f : Fields.of(dataset)) {
            event.set(f.name(), JSON.readTree(f.example()));
        }
        event.put(Fields.DATA_STREAM_DATASET.name(), dataset.datasetName());
        event.put(Fields.EVENT_DATASET.name(), dataset.datasetName());
        return event;
    }

    /** The catalog as dotted name to mapping type: what GET _mapping must show. */
    static Map<String, String> catalogTypes() {
        Map<String, String> types = new TreeMap<>();
        Fields.all().forEach(f -> types.put(f.name(), f.type().mappingType()));
        return types;
    }

    /**
     * Dotted leaf name to type. An object declared as a keyword object ({@code labels}) counts as one leaf of
     * type {@code object}, after checking that everything below it is a keyword.
     */
    static Map<String, String> leafTypes(JsonNode properties) {
        Map<String, String> out = new TreeMap<>();
        collect(properties, "", out);
        return out;
    }

    private static void collect(JsonNode properties, String prefix, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode node = e.getValue();
            boolean keywordObject = Fields.byName(name).map(f -> f.type() == FieldType.KEYWORD_OBJECT).orElse(false);
            if (keywordObject) {
                node.path("properties").forEach(child -> assertThat(child.path("type").asText()).as("below %s", name).isEqualTo("keyword"));
                out.put(name, FieldType.KEYWORD_OBJECT.mappingType());
            } else if (node.has("properties")) {
                collect(node.get("properties"), name + ".", out);
            } else {
                out.put(name, node.path("type").asText());
            }
        }
    }

    /** {@code _bulk} with one {@code create} per (data stream, document) pair. */
    static JsonNode bulk(RestClient client, Object... streamAndDoc) throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < streamAndDoc.length; i += 2) {
            body.append("{\"create\":{\"_index\":\"").append(streamAndDoc[i]).append("\"}}\n");
            body.append(JSON.writeValueAsString(streamAndDoc[i + 1])).append('\n');
        }
        Request request = new Request("POST", "/_bulk");
        request.setJsonEntity(body.toString());
        return read(client.performRequest(request).getEntity());
    }

    static JsonNode mappingOf(RestClient client, String dataStream) throws IOException {
        JsonNode response = read(client.performRequest(new Request("GET", "/" + dataStream + "/_mapping")).getEntity());
        assertThat(response.size()).as("backing indices of %s", dataStream).isEqualTo(1);
        return response.elements().next().path("mappings");
    }

    private static void put(RestClient client, String path, String json) throws IOException {
        Request request = new Request("PUT", path);
        request.setJsonEntity(json);
        client.performRequest(request);
    }

    private static void refresh(RestClient client, String index) throws IOException {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
    }

    private static String ignoreDynamicBeyondLimit(RestClient client) throws IOException {
        JsonNode response = read(client.performRequest(new Request("GET", "/_component_template/mailtrail-settings")).getEntity());
        JsonNode settings = response.path("component_templates").get(0).path("component_template").path("template").path("settings");
        return settings.path("index").path("mapping").path("total_fields").path("ignore_dynamic_beyond_limit").asText();
    }

    private static JsonNode read(org.apache.http.HttpEntity entity) throws IOException {
        return JSON.readTree(EntityUtils.toString(entity));
    }
}
