package io.mailtrail.cli.demo;

import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.testing.ElasticsearchNodes;
import io.mailtrail.testing.Flavour;
import io.mailtrail.testing.RunningNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's Elasticsearch: the node the integration tests use (Elasticsearch's integ-test zip from Maven Central,
 * started from {@code ~/.m2} on free loopback ports, as user {@code nobody} when run as root), or with
 * {@code --es-url} a cluster of the user's, which the demo never starts nor stops.
 */
final class DemoNode {

    private DemoNode() {
    }

    /** Starts a node and registers it to be stopped; returns how to reach it. */
    static ConnectionOptions start(Resources resources, Map<String, String> env, Path workDir) {
        Map<String, String> zipOnly = new HashMap<>(env);
        // the zip, whatever the environment says about external clusters or Docker: the demo owns this node
        zipOnly.put("MAILTRAIL_ES_PROVIDER", "zip");
        RunningNode node;
        try {
            node = new ElasticsearchNodes(zipOnly).start(Flavour.PLAIN);
        } catch (Exception e) {
            throw failure(e, workDir);
        }
        resources.add("the Elasticsearch node", node::close);
        return new ConnectionOptions(node.node().url(), null, null, null);
    }

    private static CliException failure(Exception e, Path workDir) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.toString());
        if (message.contains("zip is not at")) {
            return new CliException(ExitCode.FAILED, "the Elasticsearch node's zip is not in the local Maven repository ("
                    + message.substring(message.indexOf("zip is not at") + 14).replaceAll(" \\(run.*", "")
                    + "): run the demo through ./mailtrail, which fetches it, or: mvn -B -q -pl cli -am package -DskipTests");
        }
        Path log = workDir.resolve("elasticsearch-start.log");
        try {
            Files.writeString(log, message);
        } catch (IOException ignored) {
            // the first line below still says what happened
        }
        String first = message.lines().findFirst().orElse(message);
        return new CliException(ExitCode.FAILED, "the Elasticsearch node failed to start: " + first + " (its log: " + log + ")", e);
    }
}
