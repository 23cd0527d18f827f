package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.setup.SetupContext;
import io.mailtrail.schema.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes sure mailtrail's index template is the one Elasticsearch will apply to the namespace's data streams:
 * a template of higher priority with a matching pattern would silently give them other mappings.
 */
final class WinningTemplateCheck {

    private static final String PRIVILEGE = "manage_index_templates";

    private WinningTemplateCheck() {
    }

    /** @throws CliException naming the template that wins instead, its priority and patterns */
    static void verify(SetupContext context) {
        Cluster cluster = context.cluster();
        for (Dataset dataset : Dataset.values()) {
            String stream = dataset.dataStream(context.namespace());
            String ours = IndexTemplatesStep.indexTemplateName(dataset);
            String action = "simulate which index template applies to " + stream;
            JsonNode simulated = cluster.post("/_index_template/_simulate_index/" + stream, action, PRIVILEGE).orElseThrow(
                    () -> new CliException(ExitCode.FAILED, "could not " + action + ": the cluster answered 404"));
            boolean shadowed = false;
            for (JsonNode overlapping : simulated.path("overlapping")) {
                shadowed |= ours.equals(overlapping.path("name").asText());
            }
            if (shadowed) {
                throw new CliException(ExitCode.FAILED, winnerOver(cluster, stream, ours)
                        + ": events there would not get mailtrail's mappings. Lower that template's priority below mailtrail's,"
                        + " or narrow its index_patterns so that they don't match " + stream + ".");
            }
            context.note(stream + " will be shaped by index template " + ours);
        }
    }

    /** Names the template that applies instead, found among all index templates by pattern and priority. */
    private static String winnerOver(Cluster cluster, String stream, String ours) {
        JsonNode all = cluster.get("/_index_template", "list the index templates", PRIVILEGE).orElseThrow();
        String winner = null;
        long winnerPriority = Long.MIN_VALUE;
        List<String> winnerPatterns = List.of();
        for (JsonNode entry : all.path("index_templates")) {
            JsonNode template = entry.path("index_template");
            List<String> patterns = new ArrayList<>();
            template.path("index_patterns").forEach(p -> patterns.add(p.asText()));
            long priority = template.path("priority").asLong(0);
            if (patterns.stream().anyMatch(p -> glob(p).matcher(stream).matches()) && priority > winnerPriority) {
                winner = entry.path("name").asText();
                winnerPriority = priority;
                winnerPatterns = patterns;
            }
        }
        return winner == null || winner.equals(ours)
                ? "another index template wins over mailtrail's '" + ours + "' for " + stream
                : "index template '" + winner + "' (priority " + winnerPriority + ", index_patterns " + winnerPatterns
                        + ") wins over mailtrail's '" + ours + "' for " + stream;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
