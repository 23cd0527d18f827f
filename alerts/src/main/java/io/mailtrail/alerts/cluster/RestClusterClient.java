package io.mailtrail.alerts.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Map;

/** {@link ClusterClient} over Elasticsearch's low-level REST client (owned by the caller). */
public final class RestClusterClient implements ClusterClient {

    private final RestClient rest;

    public RestClusterClient(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public JsonNode request(String method, String path, Map<String, String> params, String body) {
        Request request = new Request(method, path);
        params.forEach(request::addParameter);
        if (body != null) {
            ContentType type = path.endsWith("_bulk") ? ContentType.create("application/x-ndjson") : ContentType.APPLICATION_JSON;
            request.setEntity(new NStringEntity(body, type));
        }
        try {
            Response response = rest.performRequest(request);
            String text = response.getEntity() == null ? "{}" : EntityUtils.toString(response.getEntity());
            return Json.parse(text.isEmpty() ? "{}" : text);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            String reason = "";
            try {
                JsonNode error = Json.parse(EntityUtils.toString(e.getResponse().getEntity()));
                reason = error.path("error").path("reason").asText(error.path("error").asText(""));
                if (error.path("error").has("caused_by")) {
                    reason += ": " + error.path("error").path("caused_by").path("reason").asText();
                }
            } catch (IOException | RuntimeException ignored) {
                // keep the status only
            }
            throw new ClusterException(status, method + " " + path + " answered " + status + (reason.isEmpty() ? "" : ": " + reason), null);
        } catch (IOException e) {
            throw new ClusterException(0, method + " " + path + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
