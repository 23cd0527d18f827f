package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Objects;

/**
 * {@link SearchClient} over the low-level REST client, with JSON bodies. Failures surface as the client's own
 * exceptions ({@code ResponseException}, {@code ConnectException}...) so the caller translates them once.
 */
public final class RestSearchClient implements SearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient rest;

    public RestSearchClient(RestClient rest) {
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    @Override
    public JsonNode search(String index, ObjectNode body) throws IOException {
        Request request = new Request("POST", "/" + index + "/_search");
        // A namespace without delivery data (no webhooks yet) is an empty section, not an error.
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.addParameter("request_cache", "true");
        request.setJsonEntity(JSON.writeValueAsString(body));
        Response response = rest.performRequest(request);
        return JSON.readTree(EntityUtils.toString(response.getEntity()));
    }
}
