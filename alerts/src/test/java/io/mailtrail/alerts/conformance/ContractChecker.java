package io.mailtrail.alerts.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.alerts.support.DateMath;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The comparison rules of runner-contract.md, in Java: null when the answer passes, else why not. */
final class ContractChecker {

    private static final Set<String> SETS = Set.of("crons", "extract", "to", "cc", "bcc", "reply_to");

    private ContractChecker() {
    }

    static String judge(JsonNode c, JsonNode r) {
        String status = r.path("status").asText();
        if (status.equals("unsupported")) {
            return c.path("expect").has("error") ? null : "unsupported";
        }
        ObjectNode e = c.path("expect").deepCopy();
        JsonNode error = e.get("error");
        if (error == null && e.has("accepted") && !e.get("accepted").asBoolean()) {
            error = e;
        }
        if (error != null) {
            if (!status.equals("error")) {
                return "expected an error";
            }
            String contains = error.path("message_contains").asText(null);
            String message = r.path("error").path("message").asText("");
            return contains == null || message.toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT))
                    ? null : "message lacks [" + contains + "]";
        }
        if (!status.equals("ok")) {
            return "status " + status;
        }
        String mode = e.has("compare") ? e.remove("compare").asText() : "exact";
        JsonNode res = r.path("result");
        if (e.has("crons") && (res.get("crons") == null || res.get("crons").isNull())) {
            e.remove("crons");
        }
        if (mode.equals("json")) {
            JsonNode a = io.mailtrail.alerts.support.Json.parse(res.path("output").asText());
            JsonNode b = io.mailtrail.alerts.support.Json.parse(e.path("output").asText());
            return numericEquals(a, b) ? null : "json output differs";
        }
        return match(e, res, null) ? null : "result differs";
    }

    private static boolean numericEquals(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble()) : x.equals(y) ? 0 : 1, b);
    }

    static boolean match(JsonNode e, JsonNode r, String key) {
        if (e == null || e.isNull()) {
            return r == null || r.isNull() || r.isMissingNode();
        }
        if (r == null || r.isMissingNode()) {
            return false;
        }
        if (e.isBoolean() || r.isBoolean()) {
            return e.equals(r);
        }
        if (e.isNumber() && r.isNumber()) {
            return e.asDouble() == r.asDouble();
        }
        if (e.isTextual() && r.isTextual()) {
            if (e.textValue().equals(r.textValue())) {
                return true;
            }
            try {
                return DateMath.parseDate(e.textValue()).equals(DateMath.parseDate(r.textValue()))
                        && e.textValue().contains("T");
            } catch (RuntimeException ex) {
                return false;
            }
        }
        if (e.isObject()) {
            if (!r.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!match(f.getValue(), r.get(f.getKey()), f.getKey())) {
                    return false;
                }
            }
            return true;
        }
        if (e.isArray()) {
            if (!r.isArray() || e.size() != r.size()) {
                return false;
            }
            if (key != null && SETS.contains(key)) {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                e.forEach(x -> a.add(x.toString()));
                r.forEach(x -> b.add(x.toString()));
                a.sort(null);
                b.sort(null);
                return a.equals(b);
            }
            for (int i = 0; i < e.size(); i++) {
                if (!match(e.get(i), r.get(i), null)) {
                    return false;
                }
            }
            return true;
        }
        return e.equals(r);
    }
}
