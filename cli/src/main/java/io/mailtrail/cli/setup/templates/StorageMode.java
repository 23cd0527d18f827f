package io.mailtrail.cli.setup.templates;

import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.Version;

import java.util.Optional;

/**
 * How compactly the data streams store events. {@code mailtrail-settings} always sets the
 * {@code best_compression} codec (every supported version has it). Where the cluster accepts it, setup also
 * installs {@code mailtrail-logsdb}, which sets {@code index.mode: logsdb}: index sorting on {@code host.name}
 * and {@code @timestamp}, doc-values-friendly encodings and, where the licence allows, a {@code _source} rebuilt
 * from doc values instead of stored — about half the bytes of dynamic mapping on mailtrail's own events (see
 * {@code benchmarks/README.md}). It is detected, not assumed: the cluster is asked to simulate a template with
 * the setting, and only an accepting answer enables it.
 */
enum StorageMode {
    LOGSDB,
    BEST_COMPRESSION;

    /** logsdb became generally available in 8.17; 8.15-8.16 had it as a technical preview only. */
    static final Version LOGSDB_GA = Version.parse("8.17.0");
    static final String COMPONENT = "mailtrail-logsdb";
    static final String SIMULATE_PATH = "/_index_template/_simulate";
    private static final String PROBE = "{\"index_patterns\":[\"mailtrail-logsdb-probe-*\"],\"template\":{\"settings\":"
            + "{\"index.mode\":\"logsdb\",\"index.codec\":\"best_compression\"},\"mappings\":{\"properties\":"
            + "{\"@timestamp\":{\"type\":\"date\"},\"host\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}}}}}}";

    /** The mode chosen, and in words why. */
    record Choice(StorageMode mode, String reason) {
    }

    static Choice detect(Cluster cluster, Optional<Version> version) {
        if (version.isPresent() && version.get().compareTo(LOGSDB_GA) < 0) {
            return new Choice(BEST_COMPRESSION, "Elasticsearch " + version.get() + " has no generally available logsdb index mode ("
                    + LOGSDB_GA + "+)");
        }
        String action = "ask whether the cluster accepts index.mode logsdb (POST " + SIMULATE_PATH + ")";
        Cluster.ProbeAnswer answer = cluster.probe("POST", SIMULATE_PATH, PROBE, action);
        if (answer.status() == 403) {
            throw cluster.refused(action, "manage_index_templates", answer.status());
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            return new Choice(LOGSDB, "the cluster accepts index.mode logsdb");
        }
        return new Choice(BEST_COMPRESSION, "the cluster refuses index.mode logsdb: " + answer.reason());
    }
}
