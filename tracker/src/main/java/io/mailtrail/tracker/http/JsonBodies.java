package io.mailtrail.tracker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Optional;

/** Lenient JSON reading of response bodies: anything that is not a JSON object or array is "no JSON". */
final class JsonBodies {

    private static final ObjectReader READER = new ObjectMapper().reader();

    private JsonBodies() {
    }

    /** The body as a JSON tree, or empty for a null, blank, HTML, plain-text or malformed body. */
    static Optional<JsonNode> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String trimmed = body.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            JsonNode node = READER.readTree(trimmed);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A field's text if it is a non-blank scalar, else null. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
