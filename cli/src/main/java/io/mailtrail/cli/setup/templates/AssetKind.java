package io.mailtrail.cli.setup.templates;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.cli.elasticsearch.Cluster;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/** The kinds of objects in {@code index-templates/}: where each lives in the cluster and how to put it. */
enum AssetKind {
    ILM_POLICY("ILM policy", "ilm", "/_ilm/policy/", "manage_ilm") {
        @Override
        Optional<JsonNode> installedBody(JsonNode response, String name) {
            // GET answers {name: {version, modified_date, policy: {...}}}; the file holds {policy: {...}}.
            JsonNode policy = response.path(name).path("policy");
            if (policy.isMissingNode()) {
                return Optional.empty();
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("policy", policy);
            return Optional.of(body);
        }

        @Override
        void put(ElasticsearchClient client, String name, String json) throws IOException {
            client.ilm().putLifecycle(b -> b.name(name).withJson(new StringReader(json)));
        }
    },
    COMPONENT_TEMPLATE("component template", "component", "/_component_template/", "manage_index_templates") {
        @Override
        Optional<JsonNode> installedBody(JsonNode response, String name) {
            return first(response.path("component_templates"), name, "component_template");
        }

        @Override
        void put(ElasticsearchClient client, String name, String json) throws IOException {
            client.cluster().putComponentTemplate(b -> b.name(name).withJson(new StringReader(json)));
        }
    },
    INDEX_TEMPLATE("index template", "index", "/_index_template/", "manage_index_templates") {
        @Override
        Optional<JsonNode> installedBody(JsonNode response, String name) {
            return first(response.path("index_templates"), name, "index_template");
        }

        @Override
        void put(ElasticsearchClient client, String name, String json) throws IOException {
            client.indices().putIndexTemplate(b -> b.name(name).withJson(new StringReader(json)));
        }
    };

    private final String label;
    private final String folder;
    private final String apiPath;
    private final String privilege;

    AssetKind(String label, String folder, String apiPath, String privilege) {
        this.label = label;
        this.folder = folder;
        this.apiPath = apiPath;
        this.privilege = privilege;
    }

    /** For reports: {@code component template}. */
    String label() {
        return label;
    }

    /** The sub-folder of {@code index-templates/} holding this kind, one {@code <name>.json} per object. */
    String folder() {
        return folder;
    }

    /** The REST path of one object, e.g. {@code /_component_template/mailtrail-settings}. */
    String path(String name) {
        return apiPath + name;
    }

    /** The cluster privilege that lets a user read and write this kind. */
    String privilege() {
        return privilege;
    }

    /** The object as the file would hold it, taken out of the GET response. */
    abstract Optional<JsonNode> installedBody(JsonNode response, String name);

    abstract void put(ElasticsearchClient client, String name, String json) throws IOException;

    /** Puts it through the typed client; failures name the object, the user and the privilege. */
    void install(Cluster cluster, String name, String json) {
        cluster.call("install " + label + " '" + name + "'", privilege, client -> {
            put(client, name, json);
            return null;
        });
    }

    private static Optional<JsonNode> first(JsonNode list, String name, String field) {
        for (JsonNode entry : list) {
            if (name.equals(entry.path("name").asText())) {
                return Optional.of(entry.path(field));
            }
        }
        return Optional.empty();
    }
}
