package io.mailtrail.cli.live;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.Cluster;
import org.apache.http.util.EntityUtils;

import java.io.IOException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Searches with a JSON body, answered as JSON: what the live views, the demo's summary and {@code events} read
 * the data streams with. A missing data stream is an empty answer (the application has not logged yet), not an
 * error; every other failure comes out of {@link Cluster#call} as a readable {@link io.mailtrail.cli.CliException}.
 */
public final class Searches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cluster cluster;

    public Searches(Cluster cluster) {
        this.cluster = cluster;
    }

    /** {@code POST /<index>/_search} with {@code body}. */
    public JsonNode search(String index, String body) {
        return cluster.call("search " + index, "read (an index privilege on " + index + ")", client -> {
            Request request = new Request("POST", "/" + index + "/_search");
            request.addParameter("ignore_unavailable", "true");
            request.addParameter("allow_no_indices", "true");
            request.setJsonEntity(body);
            return JSON.readTree(EntityUtils.toString(perform(client, request).getEntity()));
        });
    }

    /** Makes what was indexed so far searchable now (the views otherwise see it within the refresh interval). */
    public void refresh(String index) {
        cluster.call("refresh " + index, "maintenance (an index privilege on " + index + ")", client -> {
            Request request = new Request("POST", "/" + index + "/_refresh");
            request.addParameter("ignore_unavailable", "true");
            request.addParameter("allow_no_indices", "true");
            return perform(client, request).getStatusLine().getStatusCode();
        });
    }

    /**
     * A 503 (no shard ready yet: a node just started, a data stream just created, a cluster recovering) is as
     * passing as a refused connection: the views say so and try again.
     */
    private Response perform(co.elastic.clients.elasticsearch.ElasticsearchClient client, Request request) throws IOException {
        RestClient rest = ((RestClientTransport) client._transport()).restClient();
        try {
            return rest.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 503) {
                throw new CliException(ExitCode.UNREACHABLE, "Elasticsearch at " + cluster.options().url()
                        + " is not ready (HTTP 503: no shard of the data stream could answer yet).", e);
            }
            throw e;
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
