package io.mailtrail.logback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/** What the ITs ask the real node. */
public final class EsOps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EsOps() {
    }

    /** A fresh namespace per test, so that tests sharing the node never count each other's documents. */
    public static String freshNamespace() {
        return "t" + Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    /** Data streams {@code logs-apptest.*-*} with a few explicit mappings; the rest is dynamic. */
    public static void installTemplate(RestClient c) throws IOException {
        Request r = new Request("PUT", "/_index_template/mailtrail-appender-it");
        r.setJsonEntity("""
                {"index_patterns":["logs-apptest.*-*"],"data_stream":{},"priority":500,
                 "template":{"mappings":{"properties":{
                   "@timestamp":{"type":"date"},
                   "message":{"type":"text"},
                   "count":{"type":"long"},
                   "flag":{"type":"boolean"},
                   "event":{"properties":{"id":{"type":"keyword"}}},
                   "log":{"properties":{"level":{"type":"keyword"},"logger":{"type":"keyword"}}},
                   "data_stream":{"properties":{"type":{"type":"keyword"},"dataset":{"type":"keyword"},"namespace":{"type":"keyword"}}}
                 }}}}""");
        c.performRequest(r);
    }

    public static JsonNode get(RestClient c, String path) throws IOException {
        return JSON.readTree(c.performRequest(new Request("GET", path)).getEntity().getContent());
    }

    public static JsonNode post(RestClient c, String path, String json) throws IOException {
        Request r = new Request("POST", path);
        r.setJsonEntity(json);
        return JSON.readTree(c.performRequest(r).getEntity().getContent());
    }

    /** Documents in the index pattern after a refresh; 0 when nothing matches yet. */
    public static long count(RestClient c, String indexPattern) throws IOException {
        try {
            c.performRequest(new Request("POST", "/" + indexPattern + "/_refresh"));
            return get(c, "/" + indexPattern + "/_count").get("count").asLong();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /** Distinct values of a keyword field (up to size). */
    public static long distinct(RestClient c, String indexPattern, String field) throws IOException {
        JsonNode r = post(c, "/" + indexPattern + "/_search", "{\"size\":0,\"aggs\":{\"d\":{\"cardinality\":{\"field\":\"" + field
                + "\",\"precision_threshold\":40000}}}}");
        return r.get("aggregations").get("d").get("value").asLong();
    }
}
