package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.setup.SetupContext;
import io.mailtrail.schema.Dataset;

/**
 * Says which {@code _source} a logsdb data stream will keep. Synthetic source (rebuilt from doc values) is what
 * makes logsdb cheap; clusters whose licence does not allow it keep a stored source, which Elasticsearch 8.17+
 * says by setting {@code index.mapping.source.mode: stored} in the simulated index. Users should know which
 * they got: it changes the bytes per event and what Discover shows.
 */
final class SourceMode {

    private SourceMode() {
    }

    static void describe(SetupContext context) {
        String stream = Dataset.CALLS.dataStream(context.namespace());
        JsonNode settings = context.cluster().post("/_index_template/_simulate_index/" + stream,
                "simulate the settings of " + stream, "manage_index_templates").map(s -> s.path("template").path("settings"))
                .orElse(null);
        if (settings == null || !settings.isObject()) {
            return;
        }
        String mode = setting(settings, "index", "mode");
        String source = setting(settings, "index", "mapping", "source", "mode");
        if (!"logsdb".equals(mode)) {
            context.note("index mode of " + stream + " is " + (mode.isEmpty() ? "standard" : mode)
                    + ": a setting of yours (e.g. in mailtrail-custom) overrides mailtrail-logsdb");
        } else if ("stored".equals(source)) {
            context.note("_source of " + stream + " is stored: the cluster's licence does not allow synthetic _source;"
                    + " logsdb still sorts events and compacts doc values");
        } else {
            context.note("_source of " + stream + " is synthetic: rebuilt from doc values (see index-templates/README.md,"
                    + " 'Storage', for what differs in Discover)");
        }
    }

    /** A setting from either the nested or the flat form an API may answer with; empty when absent. */
    private static String setting(JsonNode settings, String... path) {
        JsonNode nested = settings;
        for (String part : path) {
            nested = nested.path(part);
        }
        if (nested.isValueNode()) {
            return nested.asText();
        }
        JsonNode flat = settings.path(String.join(".", path));
        return flat.isValueNode() ? flat.asText() : "";
    }
}
