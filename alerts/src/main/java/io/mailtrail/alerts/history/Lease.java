package io.mailtrail.alerts.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may run the watches of a namespace: one document in the index {@code mailtrail-alerts-lease}, taken
 * and renewed with optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}), so two {@code alerts run}
 * processes against one cluster never both execute (and send) the same alert.
 */
public final class Lease {

    /** The index holding the lease documents (one per namespace). */
    public static final String INDEX = "mailtrail-alerts-lease";

    private final ClusterClient cluster;
    private final String namespace;
    private final String owner;
    private final Duration ttl;

    public Lease(ClusterClient cluster, String namespace, String owner, Duration ttl) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.owner = owner;
        this.ttl = ttl;
    }

    public String owner() {
        return owner;
    }

    /**
     * Takes or renews the lease; true when this process holds it until {@code now + ttl}.
     *
     * @throws ClusterException when the cluster cannot be reached
     */
    public boolean acquire(Instant now) {
        String path = "/" + INDEX + "/_doc/" + namespace;
        JsonNode current;
        try {
            current = cluster.request("GET", path, Map.of(), null);
        } catch (ClusterException e) {
            if (e.status() == 503) {
                // the lease index was created a moment ago (by another engine) and its shard is not started yet:
                // who holds the lease is unknown, so this engine stands by for a tick
                return false;
            }
            if (e.status() != 404) {
                throw e;
            }
            current = null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("owner", owner);
        doc.put("expires_at", DateMath.format(now.plus(ttl)));
        doc.put("renewed_at", DateMath.format(now));
        try {
            if (current == null || !current.path("found").asBoolean(false)) {
                cluster.request("PUT", path, Map.of("op_type", "create"), Json.write(doc));
                return true;
            }
            JsonNode source = current.path("_source");
            boolean mine = owner.equals(source.path("owner").asText());
            boolean expired = DateMath.parseDate(source.path("expires_at").asText("1970-01-01T00:00:00Z")).isBefore(now);
            if (!mine && !expired) {
                return false;
            }
            cluster.request("PUT", path, Map.of("if_seq_no", current.path("_seq_no").asText(),
                    "if_primary_term", current.path("_primary_term").asText()), Json.write(doc));
            return true;
        } catch (ClusterException e) {
            if (e.status() == 409) {
                return false; // another process took or renewed it first
            }
            throw e;
        }
    }

    /** Gives the lease up (on a clean stop), so another process can take over at once. */
    public void release() {
        try {
            JsonNode current = cluster.request("GET", "/" + INDEX + "/_doc/" + namespace, Map.of(), null);
            if (owner.equals(current.path("_source").path("owner").asText())) {
                cluster.request("DELETE", "/" + INDEX + "/_doc/" + namespace, Map.of("if_seq_no", current.path("_seq_no").asText(),
                        "if_primary_term", current.path("_primary_term").asText(), "refresh", "true"), null);
            }
        } catch (ClusterException e) {
            // it expires by itself
        }
    }
}
