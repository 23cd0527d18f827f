package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.Cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One object of {@code index-templates/}, read from the cli jar where the build packages the folder
 * ({@code mailtrail/index-templates/<kind>/<name>.json}).
 *
 * @param kind what it is
 * @param name its name in the cluster, also its file name
 */
record TemplateAsset(AssetKind kind, String name) {

    static final String RESOURCE_ROOT = "mailtrail/index-templates/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The resource path in the jar, also the path below {@code index-templates/} in the repository. */
    String resource() {
        return RESOURCE_ROOT + kind.folder() + "/" + name + ".json";
    }

    /** The JSON body as packaged. */
    String json() {
        try (InputStream in = TemplateAsset.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new CliException(ExitCode.FAILED, "the cli jar lacks " + resource() + "; it is a broken build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot read " + resource() + " from the cli jar: " + e.getMessage(), e);
        }
    }

    JsonNode parsed() {
        try {
            return JSON.readTree(json());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, resource() + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** What the cluster holds under this name, shaped like the file; empty when there is none. */
    Optional<JsonNode> installed(Cluster cluster) {
        return cluster.get(kind.path(name), "read " + kind.label() + " '" + name + "'", kind.privilege())
                .flatMap(response -> kind.installedBody(response, name));
    }
}
