package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether an installed object already is what a file describes. Elasticsearch echoes objects back
 * with its own additions (defaults such as {@code data_stream.hidden}, {@code lifecycle.enabled}, an ILM
 * phase's {@code min_age}) and in its own shape (settings nested, their values as strings), so the match is:
 * everything the file says is installed with the same value; and below {@code mappings} and
 * {@code settings}, which decide what stored data looks like, nothing else is installed either.
 */
final class JsonMatch {

    private JsonMatch() {
    }

    static boolean matches(JsonNode desired, JsonNode installed) {
        return matches(desired, installed, false);
    }

    private static boolean matches(JsonNode desired, JsonNode installed, boolean exact) {
        if (installed == null || installed.isMissingNode()) {
            return false;
        }
        if (desired.isObject()) {
            if (!installed.isObject() || (exact && installed.size() != desired.size())) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = installed.get(e.getKey());
                boolean same = switch (e.getKey()) {
                    case "settings" -> other != null && flatSettings(e.getValue()).equals(flatSettings(other));
                    case "mappings" -> matches(e.getValue(), other, true);
                    default -> matches(e.getValue(), other, exact);
                };
                if (!same) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!installed.isArray() || installed.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!matches(desired.get(i), installed.get(i), exact)) {
                    return false;
                }
            }
            return true;
        }
        // Settings and some mapping parameters come back as strings: "true" for true, "1024" for 1024.
        return installed.isValueNode() && desired.asText().equals(installed.asText());
    }

    /** {@code {"index": {"mapping": {"x": true}}}} and {@code {"index.mapping.x": "true"}} alike. */
    static Map<String, String> flatSettings(JsonNode settings) {
        Map<String, String> flat = new TreeMap<>();
        flatten(settings, "", flat);
        Map<String, String> normalised = new TreeMap<>();
        flat.forEach((k, v) -> normalised.put(k.startsWith("index.") ? k : "index." + k, v));
        return normalised;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix + e.getKey() + ".", out));
        } else {
            out.put(prefix.substring(0, prefix.length() - 1), node.isArray() ? node.toString() : node.asText());
        }
    }
}
