package io.mailtrail.alerts.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.action.EmailAction;
import io.mailtrail.alerts.condition.Condition;
import io.mailtrail.alerts.condition.Conditions;
import io.mailtrail.alerts.input.SearchInput;
import io.mailtrail.alerts.schedule.Schedule;
import io.mailtrail.alerts.schedule.Schedules;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.TimeValues;
import io.mailtrail.alerts.support.WatchException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a watch with the rules of Watcher's {@code WatchParser}, {@code ActionWrapper.parse} and the
 * input, condition, schedule and email parsers: unknown keys at every level Watcher knows are errors, each
 * error carries the JSON path it is about.
 */
public final class WatchParser {

    private static final Set<String> INPUT_TYPES = Set.of("search", "simple", "http", "chain", "none");
    private static final Set<String> ACTION_TYPES = Set.of("email", "logging", "index", "webhook", "slack", "pagerduty", "jira");

    private WatchParser() {
    }

    /**
     * Parses one watch.
     *
     * @throws WatchException (parse) with Watcher's message and {@link WatchException#jsonPath()}
     */
    public static Watch parse(String id, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw WatchException.parse("could not parse watch [" + id + "]. expected an object but found [" + Json.token(node) + "]");
        }
        Schedule schedule = null;
        String inputType = "none";
        SearchInput search = null;
        Map<String, Object> simple = Map.of();
        Condition condition = Conditions.always();
        List<ActionDefinition> actions = new ArrayList<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        boolean transform = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "trigger" -> schedule = trigger(id, v);
                case "input" -> {
                    if (!v.isObject()) {
                        throw WatchException.parse("could not parse input for watch [" + id + "]. expected an object representing the input, but found [" + Json.token(v) + "] instead").at("$.input");
                    }
                    if (v.size() == 0) {
                        throw WatchException.parse("could not parse input for watch [" + id + "]. expected field indicating the input type, but found an empty object instead").at("$.input");
                    }
                    inputType = v.fieldNames().next();
                    if (!INPUT_TYPES.contains(inputType)) {
                        throw WatchException.parse("could not parse input for watch [" + id + "]. unknown input type [" + inputType + "]").at("$.input");
                    }
                    if (v.size() > 1) {
                        throw WatchException.parse("could not parse input for watch [" + id + "]. expected one input type, but found more").at("$.input");
                    }
                    JsonNode body = v.get(inputType);
                    try {
                        if (inputType.equals("search")) {
                            search = SearchInput.parse(id, body);
                        } else if (inputType.equals("simple")) {
                            if (!body.isObject()) {
                                throw WatchException.parse("could not parse [simple] input for watch [" + id + "]. expected an object but found [" + Json.token(body) + "] instead");
                            }
                            simple = Json.map(body);
                        }
                    } catch (WatchException ex) {
                        throw ex.at("$.input." + inputType);
                    }
                }
                case "condition" -> {
                    try {
                        condition = Conditions.parse(id, v);
                    } catch (WatchException ex) {
                        throw ex.at("$.condition");
                    }
                }
                case "transform" -> transform = true;
                case "throttle_period", "throttle_period_in_millis" -> {
                    // read below, both spellings together
                }
                case "actions" -> actions = actions(id, v);
                case "metadata" -> {
                    if (!v.isObject()) {
                        throw WatchException.parse("could not parse watch [" + id + "]. expected an object for [metadata], but found [" + Json.token(v) + "]").at("$.metadata");
                    }
                    metadata = Json.map(v);
                }
                case "status" -> {
                    if (!v.isObject()) {
                        throw WatchException.parse("could not parse watch [" + id + "]. expected an object for [status]").at("$.status");
                    }
                }
                default -> throw WatchException.parse("could not parse watch [" + id + "]. unexpected field [" + key + "]").at("$." + key);
            }
        }
        if (schedule == null) {
            throw WatchException.parse("could not parse watch [" + id + "]. missing required field [trigger]").at("$");
        }
        Long throttle;
        try {
            throttle = TimeValues.field(node, "throttle_period", "could not parse watch [" + id + "]. ");
        } catch (WatchException ex) {
            throw ex.at("$.throttle_period");
        }
        return new Watch(id, schedule, inputType, search, simple, condition, throttle, List.copyOf(actions), metadata, transform, node);
    }

    private static Schedule trigger(String id, JsonNode v) {
        if (!v.isObject() || v.size() != 1) {
            throw WatchException.parse("could not parse trigger for watch [" + id + "]. expected one trigger type, but found [" + Json.token(v) + (v.isObject() ? " with " + v.size() + " fields" : "") + "]").at("$.trigger");
        }
        String type = v.fieldNames().next();
        if (!type.equals("schedule")) {
            throw WatchException.parse("could not parse trigger for watch [" + id + "]. unknown trigger type [" + type + "]").at("$.trigger." + type);
        }
        try {
            return Schedules.parse(v.get("schedule"));
        } catch (WatchException ex) {
            throw WatchException.parse("could not parse trigger for watch [" + id + "]", ex).at("$.trigger.schedule");
        }
    }

    private static List<ActionDefinition> actions(String id, JsonNode v) {
        if (!v.isObject()) {
            throw WatchException.parse("could not parse actions for watch [" + id + "]. expected an object but found [" + Json.token(v) + "] instead").at("$.actions");
        }
        List<ActionDefinition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String actionId = e.getKey();
            String path = "$.actions." + actionId;
            if (actionId.chars().anyMatch(Character::isWhitespace)) {
                throw WatchException.parse("could not parse action [" + id + "/" + actionId + "]. id contains whitespace").at(path);
            }
            out.add(action(id, actionId, e.getValue(), path));
        }
        return out;
    }

    private static ActionDefinition action(String watchId, String actionId, JsonNode node, String path) {
        String prefix = "could not parse action [" + watchId + "/" + actionId + "]. ";
        if (!node.isObject()) {
            throw WatchException.parse(prefix + "expected an object but found [" + Json.token(node) + "]").at(path);
        }
        String type = null;
        JsonNode body = null;
        Condition condition = null;
        String foreach = null;
        int maxIterations = 100;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "throttle_period", "throttle_period_in_millis", "transform" -> {
                    // time values read below; transforms are accepted, not evaluated
                }
                case "condition" -> {
                    try {
                        condition = Conditions.parse(watchId, v);
                    } catch (WatchException ex) {
                        throw ex.at(path + ".condition");
                    }
                }
                case "foreach" -> {
                    if (!v.isTextual()) {
                        throw WatchException.parse(prefix + "expected a string for [foreach], but found [" + Json.token(v) + "]").at(path + ".foreach");
                    }
                    foreach = v.textValue();
                }
                case "max_iterations" -> {
                    if (!v.isInt() || v.intValue() < 1) {
                        throw WatchException.parse(prefix + "max_iterations must be a number greater than zero, but found [" + v + "]").at(path + ".max_iterations");
                    }
                    maxIterations = v.intValue();
                }
                default -> {
                    if (!ACTION_TYPES.contains(key)) {
                        throw WatchException.parse(prefix + "unknown action type [" + key + "]").at(path + "." + key);
                    }
                    if (type != null) {
                        throw WatchException.parse(prefix + "expected one action type, but found [" + type + "] and [" + key + "]").at(path + "." + key);
                    }
                    type = key;
                    body = v;
                }
            }
        }
        if (type == null) {
            throw WatchException.parse(prefix + "missing action type").at(path);
        }
        Long throttle;
        try {
            throttle = TimeValues.field(node, "throttle_period", prefix);
        } catch (WatchException ex) {
            throw ex.at(path + ".throttle_period");
        }
        EmailAction email = null;
        if (type.equals("email")) {
            try {
                email = EmailAction.parse(watchId, actionId, body);
            } catch (WatchException ex) {
                throw ex.at(path + ".email");
            }
        } else if (type.equals("logging") && (!body.isObject() || !body.has("text"))) {
            throw WatchException.parse("could not parse [logging] action [" + watchId + "/" + actionId + "]. missing required [text] field").at(path + ".logging");
        }
        return new ActionDefinition(actionId, type, throttle, condition, foreach, maxIterations, email, body);
    }

    /** The normalized form of a parsed watch (conformance {@code parse} target {@code watch}). */
    public static Map<String, Object> normalized(Watch w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("input", w.inputType());
        m.put("condition", w.condition().type());
        if (w.throttlePeriodMillis() != null) {
            m.put("throttle_period_ms", w.throttlePeriodMillis());
        }
        Map<String, Object> actions = new LinkedHashMap<>();
        for (ActionDefinition a : w.actions()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", a.type());
            if (a.throttlePeriodMillis() != null) {
                am.put("throttle_period_ms", a.throttlePeriodMillis());
            }
            if (a.foreach() != null) {
                am.put("foreach", a.foreach());
            }
            am.put("max_iterations", a.maxIterations());
            actions.put(a.id(), am);
        }
        m.put("actions", actions);
        return m;
    }
}
