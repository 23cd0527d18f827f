package io.mailtrail.alerts.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON helpers. The engine's data model (ctx, payload, metadata) is plain Java: {@code Map<String,Object>}
 * (insertion-ordered), {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and {@code null},
 * the same shapes Watcher hands to mustache and to its conditions.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The node as plain Java values. */
    public static Object model(JsonNode node) {
        return node == null || node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonNode node) {
        Object m = model(node);
        return m instanceof Map ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    public static JsonNode tree(Object model) {
        return MAPPER.valueToTree(model);
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON of a model value. */
    public static String write(Object model) {
        try {
            return MAPPER.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's token name of a node, as Watcher's parser errors show it ({@code START_ARRAY}, {@code VALUE_NUMBER}...). */
    public static String token(JsonNode node) {
        if (node == null || node.isNull()) {
            return "VALUE_NULL";
        }
        if (node.isObject()) {
            return "START_OBJECT";
        }
        if (node.isArray()) {
            return "START_ARRAY";
        }
        if (node.isTextual()) {
            return "VALUE_STRING";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
        }
        return "VALUE_NUMBER";
    }
}
