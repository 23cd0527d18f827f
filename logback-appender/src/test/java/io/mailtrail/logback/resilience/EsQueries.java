package io.mailtrail.logback.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.logback.EsOps;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What the resilience ITs ask the real node: a template per case, counts, and duplicate checks. */
final class EsQueries {

    /** The numbered field every resilience event carries; a duplicate document shows up as a repeated value. */
    static final String SEQ = "seq";

    private EsQueries() {
    }

    /** A namespace no earlier run used, so that tests sharing the node never count each other's documents. */
    static String freshNamespace() {
        return "r" + Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    /** The data stream an appender with this dataset and namespace writes events without a routing key to. */
    static String stream(String dataset, String namespace) {
        return "logs-" + dataset + "-" + namespace;
    }

    /**
     * Installs template {@code resilience-<dataset>} for data streams {@code logs-<dataset>-*} (priority 200), so
     * that {@link #SEQ} is a long and the id a keyword whatever the first document looks like.
     */
    static void installTemplate(RestClient c, String dataset) throws IOException {
        Request r = new Request("PUT", "/_index_template/resilience-" + dataset);
        r.setJsonEntity("""
                {"index_patterns":["logs-%s-*"],"data_stream":{},"priority":200,
                 "template":{"settings":{"number_of_shards":1,"number_of_replicas":0},
                  "mappings":{"properties":{
                   "@timestamp":{"type":"date"},
                   "message":{"type":"text"},
                   "seq":{"type":"long"},
                   "event":{"properties":{"id":{"type":"keyword"}}},
                   "data_stream":{"properties":{"type":{"type":"keyword"},"dataset":{"type":"keyword"},"namespace":{"type":"keyword"}}}
                 }}}}""".formatted(dataset));
        c.performRequest(r);
    }

    /** Documents in the data stream after a refresh; 0 while it does not exist. */
    static long count(RestClient c, String stream) throws IOException {
        return EsOps.count(c, stream);
    }

    /** What the stream holds of {@link #SEQ}: count of documents with it, smallest and largest value, repeated values. */
    record SeqStats(long docs, long min, long max, List<String> repeated) {

        /** True when the documents carry exactly the numbers {@code 0 .. n-1}, each once. */
        boolean isExactlyZeroTo(long n) {
            return docs == n && repeated.isEmpty() && (n == 0 || (min == 0 && max == n - 1));
        }
    }

    /**
     * Counts and repeats of {@link #SEQ}. With one shard the terms aggregation is exact: ordered by count, any value
     * seen twice comes first, so {@code min_doc_count: 2} returns every repeat (up to 20 are listed).
     */
    static SeqStats seqStats(RestClient c, String stream) throws IOException {
        c.performRequest(new Request("POST", "/" + stream + "/_refresh"));
        JsonNode answer = EsOps.post(c, "/" + stream + "/_search", """
                {"size":0,"track_total_hits":true,"query":{"exists":{"field":"seq"}},"aggs":{
                  "s":{"stats":{"field":"seq"}},
                  "repeated":{"terms":{"field":"seq","min_doc_count":2,"size":20}}}}""");
        JsonNode stats = answer.get("aggregations").get("s");
        List<String> repeated = new ArrayList<>();
        for (JsonNode b : answer.get("aggregations").get("repeated").get("buckets")) {
            repeated.add(b.get("key").asText() + " x" + b.get("doc_count").asLong());
        }
        long docs = answer.get("hits").get("total").get("value").asLong();
        return new SeqStats(docs, stats.get("min").asLong(-1), stats.get("max").asLong(-1), repeated);
    }

    /** The shards of the stream's backing indices; the repeat check is exact only with one. */
    static int shards(RestClient c, String stream) throws IOException {
        JsonNode answer = EsOps.get(c, "/" + stream + "/_search?size=0");
        return answer.get("_shards").get("total").asInt();
    }
}
