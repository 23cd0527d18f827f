package io.mailtrail.tracker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The few Elasticsearch requests the end-to-end test reads the node with, as raw JSON over the low-level client. */
final class Node {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;

    Node(RestClient client) {
        this.client = client;
    }

    /** The response body as text; any status but 2xx fails with the node's answer. */
    String raw(String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        Response response = client.performRequest(request);
        return EntityUtils.toString(response.getEntity());
    }

    JsonNode json(String method, String path, String body) throws IOException {
        return jsonOf(raw(method, path, body));
    }

    JsonNode jsonOf(String answer) throws IOException {
        return JSON.readTree(answer);
    }

    /** A search with {@code size: 0} returning its aggregations. */
    JsonNode aggregations(String index, String query, String aggs) throws IOException {
        return json("POST", "/" + index + "/_search",
                "{\"size\":0,\"track_total_hits\":true,\"query\":" + query + ",\"aggs\":" + aggs + "}").path("aggregations");
    }

    /**
     * Deletes a data stream left by an earlier run against the same (external) node; absent is fine, and so is a
     * node without the data stream API (the minimal test node answers 405), whose data streams are all fresh.
     */
    void deleteDataStreamIfPresent(String name) throws IOException {
        try {
            raw("DELETE", "/_data_stream/" + name, null);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status != 404 && status != 405) {
                throw e;
            }
        }
    }

    /** Whether {@code name} resolves to a data stream (not to a plain index). */
    boolean isDataStream(String name) throws IOException {
        JsonNode resolved;
        try {
            resolved = json("GET", "/_resolve/index/" + name, null);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
        for (JsonNode ds : resolved.path("data_streams")) {
            if (name.equals(ds.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mapped type of a dotted field in a {@code GET <data stream>/_mapping} answer, or null when unmapped. An
     * object mapping has no {@code type} in the answer: it is reported as {@code object}.
     */
    static String mappedType(JsonNode mappingAnswer, String dottedName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = mappingAnswer.fields(); it.hasNext(); ) {
            JsonNode found = find(it.next().getValue().path("mappings").path("properties"), dottedName);
            if (found != null) {
                return found.has("type") ? found.get("type").asText() : found.has("properties") || found.has("dynamic") ? "object" : null;
            }
        }
        return null;
    }

    /** Walks {@code properties}, trying the longest dotted prefix first (a template may map {@code a.b} flat). */
    private static JsonNode find(JsonNode properties, String dottedName) {
        if (properties.has(dottedName)) {
            return properties.get(dottedName);
        }
        for (int dot = dottedName.lastIndexOf('.'); dot > 0; dot = dottedName.lastIndexOf('.', dot - 1)) {
            JsonNode head = properties.get(dottedName.substring(0, dot));
            if (head != null) {
                JsonNode found = find(head.path("properties"), dottedName.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Adds the dotted names of {@code source}'s leaves to {@code into}; a name in {@code stopAt} (a catalog field
     * holding an object, {@code labels}) is a leaf, whatever its value.
     */
    static void leafNames(JsonNode source, String prefix, Set<String> stopAt, Set<String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject() && !stopAt.contains(name)) {
                leafNames(e.getValue(), name, stopAt, into);
            } else {
                into.add(name);
            }
        }
    }
}
