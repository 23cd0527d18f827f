package io.mailtrail.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses where a node comes from, in this order: an external cluster ({@code MAILTRAIL_ES_URL}), a
 * Docker container, the Maven Central zip. {@code MAILTRAIL_ES_PROVIDER=external|docker|zip} forces one.
 * Use it directly when outside JUnit; tests use {@link ElasticsearchExtension}.
 */
public final class ElasticsearchNodes {

    static final String PROVIDER = "MAILTRAIL_ES_PROVIDER";

    private final Map<String, String> env;

    public ElasticsearchNodes(Map<String, String> env) {
        this.env = env;
    }

    /** Starts (or connects to) a node of the given flavour; the caller closes it. */
    public RunningNode start(Flavour flavour) throws Exception {
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, NodeProvider> candidate : candidates().entrySet()) {
            Optional<String> reason = candidate.getValue().unavailableReason();
            if (reason.isEmpty()) {
                return candidate.getValue().start(flavour);
            }
            skipped.add(candidate.getKey() + ": " + reason.get());
        }
        throw new IllegalStateException("no Elasticsearch node available: " + String.join("; ", skipped));
    }

    private Map<String, NodeProvider> candidates() {
        ZipDistribution zip = ZipDistribution.locate();
        Map<String, NodeProvider> all = new java.util.LinkedHashMap<>();
        all.put("external", new ExternalNodeProvider(env));
        all.put("docker", new DockerNodeProvider(zip.version()));
        all.put("zip", new ZipNodeProvider(zip, env));
        String forced = env.get(PROVIDER);
        if (forced == null || forced.isBlank()) {
            return all;
        }
        NodeProvider only = all.get(forced.trim().toLowerCase(Locale.ROOT));
        if (only == null) {
            throw new IllegalArgumentException(PROVIDER + "=" + forced + " is not one of " + all.keySet());
        }
        return Map.of(forced.trim().toLowerCase(Locale.ROOT), only);
    }
}
