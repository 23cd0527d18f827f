package io.mailtrail.cli.live;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.Cluster;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
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
        return notReadyIsUnreachable(() -> cluster.call("search " + index, "read (an index privilege on " + index + ")", client -> {
            RestClient rest = ((RestClientTransport) client._transport()).restClient();
            Request request = new Request("POST", "/" + index + "/_search");
            request.addParameter("ignore_unavailable", "true");
            request.addParameter("allow_no_indices", "true");
            request.setJsonEntity(body);
            return JSON.readTree(EntityUtils.toString(rest.performRequest(request).getEntity()));
        }));
    }

    /**
     * A 503 (no shard ready yet: a node just started, a data stream just created, a cluster recovering) is as
     * passing as a refused connection: the views say so and try again.
     */
    private <T> T notReadyIsUnreachable(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CliException e) {
            if (e.getCause() instanceof ResponseException re && re.getResponse().getStatusLine().getStatusCode() == 503) {
                throw new CliException(ExitCode.UNREACHABLE, "Elasticsearch at " + cluster.options().url() + " is not ready (HTTP 503).", e);
            }
            throw e;
        }
    }

    /** Makes what was indexed so far searchable now (the views otherwise see it within the refresh interval). */
    public void refresh(String index) {
        notReadyIsUnreachable(() -> cluster.call("refresh " + index, "maintenance (an index privilege on " + index + ")", client -> {
            RestClient rest = ((RestClientTransport) client._transport()).restClient();
            Request request = new Request("POST", "/" + index + "/_refresh");
            request.addParameter("ignore_unavailable", "true");
            request.addParameter("allow_no_indices", "true");
            return rest.performRequest(request).getStatusLine().getStatusCode();
        }));
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
