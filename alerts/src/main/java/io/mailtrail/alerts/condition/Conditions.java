package io.mailtrail.alerts.condition;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Parses condition objects with the rules (and messages) of Watcher's condition parsers. */
public final class Conditions {

    private Conditions() {
    }

    /** The condition a watch without {@code condition} has. */
    public static Condition always() {
        return ConstantCondition.ALWAYS;
    }

    /**
     * Parses {@code {"<type>": {...}}}.
     *
     * @throws WatchException (phase parse) with Watcher's message
     */
    public static Condition parse(String watchId, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw WatchException.parse("could not parse condition for watch [" + watchId + "]. expected an object but found [" + Json.token(node) + "] instead");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        if (!fields.hasNext()) {
            throw WatchException.parse("could not parse condition for watch [" + watchId + "]. missing required condition type field");
        }
        Map.Entry<String, JsonNode> first = fields.next();
        if (fields.hasNext()) {
            throw WatchException.parse("could not parse condition for watch [" + watchId + "]. expected end of condition object, but found [" + fields.next().getKey() + "]");
        }
        String type = first.getKey();
        JsonNode body = first.getValue();
        return switch (type) {
            case "always", "never" -> constant(watchId, type, body);
            case "compare" -> compare(watchId, body);
            case "array_compare" -> arrayCompare(watchId, body);
            case "script" -> new ScriptCondition();
            default -> throw WatchException.parse("could not parse condition for watch [" + watchId + "]. unknown condition type [" + type + "]");
        };
    }

    private static Condition constant(String watchId, String type, JsonNode body) {
        String prefix = "could not parse [" + type + "] condition for watch [" + watchId + "]. ";
        if (body == null || !body.isObject()) {
            throw WatchException.parse(prefix + "expected an empty object but found [" + Json.token(body) + "]");
        }
        if (body.size() > 0) {
            throw WatchException.parse(prefix + "expected an empty object but found [" + body.fieldNames().next() + "]");
        }
        return type.equals("always") ? ConstantCondition.ALWAYS : ConstantCondition.NEVER;
    }

    private static Condition compare(String watchId, JsonNode body) {
        String prefix = "could not parse [compare] condition for watch [" + watchId + "]. ";
        if (!body.isObject()) {
            throw WatchException.parse(prefix + "expected an object but found [" + Json.token(body) + "] instead");
        }
        if (body.size() == 0) {
            throw WatchException.parse(prefix + "expected a field indicating the compared path, but found [END_OBJECT] instead");
        }
        CompareCondition last = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                throw WatchException.parse(prefix + "expected an object for field [" + path + "] but found [" + Json.token(spec) + "] instead");
            }
            Iterator<Map.Entry<String, JsonNode>> ops = spec.fields();
            if (!ops.hasNext()) {
                throw WatchException.parse(prefix + "expected a field indicating the comparison operator, but found [END_OBJECT] instead");
            }
            Map.Entry<String, JsonNode> opEntry = ops.next();
            Op op = Op.resolve(opEntry.getKey());
            if (op == null) {
                throw WatchException.parse(prefix + "unknown comparison operator [" + opEntry.getKey() + "]");
            }
            JsonNode value = opEntry.getValue();
            if (!op.supportsStructures() && (value.isObject() || value.isArray())) {
                throw WatchException.parse(prefix + "compared value for [" + path + "] with operation [" + op.id()
                        + "] must either be a numeric, string, boolean or null value, but found [" + Json.token(value) + "] instead");
            }
            if (ops.hasNext()) {
                throw WatchException.parse(prefix + "expected end of path object, but found [FIELD_NAME] instead");
            }
            last = new CompareCondition(path, op, Json.model(value));
        }
        return last;
    }

    private static Condition arrayCompare(String watchId, JsonNode body) {
        String prefix = "could not parse [array_compare] condition for watch [" + watchId + "]. ";
        if (!body.isObject() || body.size() == 0) {
            throw WatchException.parse(prefix + "expected a field indicating the array path, but found [" + Json.token(body) + "] instead");
        }
        Map.Entry<String, JsonNode> entry = body.fields().next();
        if (body.size() > 1) {
            throw WatchException.parse(prefix + "expected end of object, but found a second array path");
        }
        String arrayPath = entry.getKey();
        JsonNode spec = entry.getValue();
        if (!spec.isObject()) {
            throw WatchException.parse(prefix + "expected an object for field [" + arrayPath + "] but found [" + Json.token(spec) + "] instead");
        }
        String path = "";
        Op op = null;
        Object value = null;
        ArrayCompareCondition.Quantifier quantifier = ArrayCompareCondition.Quantifier.SOME;
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("path")) {
                if (!f.getValue().isTextual()) {
                    throw WatchException.parse(prefix + "expected a string value for field [path], but found [" + Json.token(f.getValue()) + "]");
                }
                path = f.getValue().textValue();
                continue;
            }
            if (op != null) {
                throw WatchException.parse(prefix + "encountered duplicate comparison operator, but already saw [" + op.id() + "].");
            }
            op = Op.resolve(f.getKey());
            if (op == null) {
                throw WatchException.parse(prefix + "unknown comparison operator [" + f.getKey() + "]");
            }
            JsonNode opBody = f.getValue();
            if (!opBody.isObject()) {
                throw WatchException.parse(prefix + "expected an object for field [" + op.id() + "] but found [" + Json.token(opBody) + "] instead");
            }
            boolean haveValue = false;
            for (Iterator<Map.Entry<String, JsonNode>> ot = opBody.fields(); ot.hasNext(); ) {
                Map.Entry<String, JsonNode> o = ot.next();
                switch (o.getKey()) {
                    case "value" -> {
                        JsonNode v = o.getValue();
                        if (v.isObject() || v.isArray()) {
                            throw WatchException.parse(prefix + "compared value for [" + arrayPath + "] with operation [" + op.id()
                                    + "] must either be a numeric, string, boolean or null value, but found [" + Json.token(v) + "] instead");
                        }
                        value = Json.model(v);
                        haveValue = true;
                    }
                    case "quantifier" -> {
                        String q = o.getValue().asText();
                        try {
                            quantifier = ArrayCompareCondition.Quantifier.valueOf(q.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw WatchException.parse(prefix + "unknown comparison quantifier [" + q + "]");
                        }
                    }
                    default -> throw WatchException.parse(prefix + "expected a field indicating the comparison value or comparison quantifier, but found [" + o.getKey() + "] instead");
                }
            }
            if (!haveValue) {
                throw WatchException.parse(prefix + "missing required field [value]");
            }
        }
        if (op == null) {
            throw WatchException.parse(prefix + "missing comparison operator");
        }
        return new ArrayCompareCondition(arrayPath, path, op, value, quantifier);
    }
}
