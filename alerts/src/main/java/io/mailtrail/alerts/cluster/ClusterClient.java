package io.mailtrail.alerts.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** The few Elasticsearch requests the engine makes (search, history writes, the lease), as JSON. */
public interface ClusterClient {

    /**
     * Sends one request.
     *
     * @param params query parameters (may be empty)
     * @param body   JSON (or NDJSON) body, or null
     * @throws ClusterException when the cluster is unreachable or answers an error status
     */
    JsonNode request(String method, String path, Map<String, String> params, String body);
}
