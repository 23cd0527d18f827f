package io.mailtrail.alerts.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.mustache.MediaType;
import io.mailtrail.alerts.mustache.Templates;
import io.mailtrail.alerts.support.IndexNames;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.ObjectPath;
import io.mailtrail.alerts.support.TimeValues;
import io.mailtrail.alerts.support.WatchException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Watcher's {@code search} input: the request body (or inline template) is rendered as a mustache template
 * with JSON escaping on the ctx model, run on the cluster, and the response becomes the payload
 * ({@code hits.total} as a number: {@code rest_total_hits_as_int} defaults to true).
 */
public final class SearchInput {

    private final List<String> indices;
    private final String searchType;
    private final JsonNode body;
    private final JsonNode template;
    private final JsonNode indicesOptions;
    private final boolean restTotalHitsAsInt;
    private final List<String> extract;
    private final Long timeoutMillis;
    private final String dynamicNameTimezone;

    private SearchInput(List<String> indices, String searchType, JsonNode body, JsonNode template, JsonNode indicesOptions,
                        boolean restTotalHitsAsInt, List<String> extract, Long timeoutMillis, String dynamicNameTimezone) {
        this.indices = indices;
        this.searchType = searchType;
        this.body = body;
        this.template = template;
        this.indicesOptions = indicesOptions;
        this.restTotalHitsAsInt = restTotalHitsAsInt;
        this.extract = extract;
        this.timeoutMillis = timeoutMillis;
        this.dynamicNameTimezone = dynamicNameTimezone;
    }

    /** Parses the object under {@code input.search}. */
    public static SearchInput parse(String watchId, JsonNode node) {
        String prefix = "could not parse [search] input for watch [" + watchId + "]. ";
        if (node == null || !node.isObject()) {
            throw WatchException.parse(prefix + "expected an object, but found [" + Json.token(node) + "]");
        }
        JsonNode request = null;
        List<String> extract = null;
        Long timeout = null;
        String zone = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "request" -> request = v;
                case "extract" -> {
                    if (!v.isArray()) {
                        throw WatchException.parse(prefix + "expected an array for [extract], but found [" + Json.token(v) + "]").at("$.input.search.extract");
                    }
                    extract = new ArrayList<>();
                    for (JsonNode x : v) {
                        extract.add(x.asText());
                    }
                }
                case "timeout", "timeout_in_millis" -> timeout = TimeValues.field(node, "timeout", prefix);
                case "dynamic_name_timezone" -> {
                    if (!v.isTextual()) {
                        throw WatchException.parse(prefix + "unexpected token [" + Json.token(v) + "]");
                    }
                    zone = v.textValue();
                }
                default -> throw WatchException.parse(prefix + (v.isObject() || v.isArray()
                        ? "unexpected field [" + e.getKey() + "]" : "unexpected token [" + Json.token(v) + "]")).at("$.input.search." + e.getKey());
            }
        }
        if (request == null) {
            throw WatchException.parse(prefix + "missing required [request] field");
        }
        if (!request.isObject()) {
            throw WatchException.parse(prefix + "expected an object for [request], but found [" + Json.token(request) + "]").at("$.input.search.request");
        }
        List<String> indices = new ArrayList<>();
        String searchType = "query_then_fetch";
        JsonNode body = null;
        JsonNode template = null;
        JsonNode options = null;
        boolean totalAsInt = true;
        String rprefix = "could not parse watcher search request. ";
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String at = "$.input.search.request." + e.getKey();
            switch (e.getKey()) {
                case "indices" -> {
                    if (v.isTextual()) {
                        for (String s : v.textValue().split(",")) {
                            if (!s.isBlank()) {
                                indices.add(s.trim());
                            }
                        }
                    } else if (v.isArray()) {
                        v.forEach(i -> indices.add(i.asText()));
                    } else {
                        throw WatchException.parse(rprefix + "expected an array or a string for [indices], but found [" + Json.token(v) + "]").at(at);
                    }
                }
                case "search_type" -> searchType = v.asText().toLowerCase(java.util.Locale.ROOT);
                case "body" -> {
                    if (!v.isObject()) {
                        throw WatchException.parse(rprefix + "expected an object for [body], but found [" + Json.token(v) + "]").at(at);
                    }
                    body = v;
                }
                case "template" -> {
                    if (!v.isObject() || !(v.has("id") || v.has("source"))) {
                        throw WatchException.parse(rprefix + "[template] needs an [id] or a [source]").at(at);
                    }
                    template = v;
                }
                case "indices_options" -> options = v;
                case "rest_total_hits_as_int" -> totalAsInt = v.asBoolean(true);
                case "types" -> { /* deprecated, ignored by Watcher too */ }
                default -> throw WatchException.parse(rprefix + "unexpected field [" + e.getKey() + "]").at(at);
            }
        }
        return new SearchInput(indices, searchType, body, template, options, totalAsInt, extract, timeout, zone);
    }

    /** The normalized parse result (conformance {@code parse} target {@code search_input}). */
    public Map<String, Object> normalized() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indices", indices);
        m.put("search_type", searchType);
        if (template != null) {
            m.put("template", Json.model(template));
        }
        if (extract != null) {
            m.put("extract", extract);
        }
        if (timeoutMillis != null) {
            m.put("timeout_ms", timeoutMillis);
        }
        if (dynamicNameTimezone != null) {
            m.put("dynamic_name_timezone", dynamicNameTimezone);
        }
        return m;
    }

    /** The request rendered for one execution. */
    public record Rendered(List<String> indices, String searchType, Map<String, Object> body, String source) {
    }

    /**
     * Renders the body (or template) with the ctx model (template params win over ctx params).
     *
     * @param ctxParams {@code {"ctx": ctx}}
     */
    @SuppressWarnings("unchecked")
    public Rendered render(Map<String, Object> ctxParams) {
        String source;
        Map<String, Object> params = new HashMap<>(ctxParams);
        if (template != null) {
            if (!template.has("source")) {
                throw new WatchException(WatchException.Phase.EXECUTE, "stored search templates ([template.id]) are not supported by mailtrail; use an inline [source]");
            }
            JsonNode src = template.get("source");
            source = src.isTextual() ? src.textValue() : Json.write(Json.model(src));
            if (template.has("params")) {
                params.putAll((Map<String, Object>) Json.model(template.get("params")));
            }
        } else {
            source = body == null ? "{}" : Json.write(Json.model(body));
        }
        MediaType type = MediaType.JSON;
        if (template != null && template.path("options").has("content_type")) {
            type = MediaType.of(template.path("options").get("content_type").asText());
        }
        String rendered;
        try {
            rendered = Templates.render(source, type, params);
        } catch (RuntimeException e) {
            throw new WatchException(WatchException.Phase.RENDER, "could not render the search request", e);
        }
        Map<String, Object> parsed;
        try {
            parsed = Json.map(Json.parse(rendered));
        } catch (IllegalArgumentException e) {
            throw new WatchException(WatchException.Phase.RENDER, "the rendered search request is not valid JSON", e);
        }
        return new Rendered(indices, searchType, parsed, rendered);
    }

    /** Runs the rendered request; the payload is the response (filtered by {@code extract}). */
    public Map<String, Object> execute(ClusterClient cluster, Rendered rendered, Instant now) {
        String target = rendered.indices().isEmpty() ? "_all" : rendered.indices().stream()
                .map(i -> URLEncoder.encode(IndexNames.resolve(i, now), StandardCharsets.UTF_8).replace("%2A", "*").replace("%2C", ","))
                .collect(Collectors.joining(","));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("search_type", rendered.searchType());
        params.put("rest_total_hits_as_int", Boolean.toString(restTotalHitsAsInt));
        params.put("ignore_unavailable", indicesOptions != null && indicesOptions.has("ignore_unavailable") ? indicesOptions.get("ignore_unavailable").asText() : "true");
        params.put("allow_no_indices", indicesOptions != null && indicesOptions.has("allow_no_indices") ? indicesOptions.get("allow_no_indices").asText() : "true");
        params.put("expand_wildcards", indicesOptions != null && indicesOptions.has("expand_wildcards") ? indicesOptions.get("expand_wildcards").asText() : "open");
        params.put("timeout", (timeoutMillis == null ? 60_000 : timeoutMillis) + "ms");
        JsonNode response = cluster.request("POST", "/" + target + "/_search", params, rendered.source());
        Map<String, Object> payload = Json.map(response);
        if (extract == null) {
            return payload;
        }
        Map<String, Object> filtered = new LinkedHashMap<>();
        for (String path : extract) {
            Object v = ObjectPath.eval(path, payload);
            if (v != null) {
                put(filtered, path, v);
            }
        }
        return filtered;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = target;
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        m.put(parts[parts.length - 1], value);
    }

    public List<String> indices() {
        return indices;
    }
}
