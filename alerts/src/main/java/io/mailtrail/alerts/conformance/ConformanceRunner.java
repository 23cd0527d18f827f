package io.mailtrail.alerts.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.action.EmailAction;
import io.mailtrail.alerts.action.RenderedEmail;
import io.mailtrail.alerts.condition.Condition;
import io.mailtrail.alerts.condition.ConditionResult;
import io.mailtrail.alerts.condition.Conditions;
import io.mailtrail.alerts.input.SearchInput;
import io.mailtrail.alerts.mustache.MediaType;
import io.mailtrail.alerts.mustache.Templates;
import io.mailtrail.alerts.schedule.Schedule;
import io.mailtrail.alerts.schedule.Schedules;
import io.mailtrail.alerts.schedule.TriggerSimulation;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.IndexNames;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.TimeValues;
import io.mailtrail.alerts.support.WatchException;
import io.mailtrail.alerts.throttle.ActionOutcome;
import io.mailtrail.alerts.throttle.ActionStatus;
import io.mailtrail.alerts.throttle.Throttler;
import io.mailtrail.alerts.throttle.WatchStatus;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.alerts.watch.WatchParser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers conformance cases (one JSON object each, see {@code watcher-cases/runner-contract.md}) through the
 * engine's own parser, condition, schedule, mustache, throttle and email code. A developer tool.
 */
public final class ConformanceRunner {

    private final Clock realClock;

    public ConformanceRunner(Clock realClock) {
        this.realClock = realClock;
    }

    /** One result line for one case line; never throws. */
    public String answer(String line) {
        String id = null;
        try {
            JsonNode c = Json.parse(line);
            id = c.path("id").asText(null);
            Map<String, Object> result = run(c);
            return line(id, "ok", result, null, null);
        } catch (UnsupportedOperationException e) {
            return line(id, "unsupported", null, null, e.getMessage());
        } catch (WatchException e) {
            return line(id, "error", null, e.phase().name().toLowerCase(java.util.Locale.ROOT), WatchException.fullMessage(e));
        } catch (com.github.mustachejava.MustacheException e) {
            return line(id, "error", null, "compile", WatchException.fullMessage(e));
        } catch (RuntimeException e) {
            return line(id, "error", null, "execute", WatchException.fullMessage(e));
        }
    }

    private static String line(String id, String status, Map<String, Object> result, String phase, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", status);
        if (result != null) {
            out.put("result", result);
        }
        if (message != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            if (phase != null) {
                error.put("phase", phase);
            }
            error.put("message", message);
            out.put("error", error);
        }
        return Json.write(out);
    }

    private Map<String, Object> run(JsonNode c) {
        String kind = c.path("kind").asText();
        return switch (kind) {
            case "condition", "array_compare" -> condition(c);
            case "parse" -> parse(c);
            case "schedule" -> schedule(c);
            case "trigger_engine" -> triggerEngine(c);
            case "mustache" -> mustache(c);
            case "time_value" -> timeValue(c);
            case "throttle" -> throttle(c);
            case "search_request" -> searchRequest(c);
            case "index_name" -> Map.of("name", IndexNames.resolve(c.path("expression").asText(), instant(c.get("now"))));
            case "email" -> email(c);
            default -> throw new UnsupportedOperationException("unknown case kind [" + kind + "]");
        };
    }

    private Map<String, Object> condition(JsonNode c) {
        JsonNode ctxNode = c.path("ctx");
        Condition condition;
        try {
            condition = Conditions.parse(ctxNode.path("watch_id").asText("_id"), c.get("condition"));
        } catch (WatchException e) {
            throw e;
        }
        if (condition.type().equals("script")) {
            throw new UnsupportedOperationException("script conditions are not evaluable by mailtrail");
        }
        Map<String, Object> ctx = ctxModel(ctxNode);
        ctx.put("payload", Json.model(c.get("payload")));
        Instant clock = ctxNode.has("clock") ? instant(ctxNode.get("clock"))
                : ctxNode.has("execution_time") ? instant(ctxNode.get("execution_time")) : realClock.instant();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ctx", ctx);
        ConditionResult r = condition.evaluate(model, Clock.fixed(clock, ZoneOffset.UTC));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("met", r.met());
        out.put("resolved_values", r.resolvedValues());
        return out;
    }

    private static Map<String, Object> ctxModel(JsonNode ctxNode) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        for (String k : List.of("id", "watch_id", "execution_time", "metadata", "trigger", "vars")) {
            if (ctxNode.has(k)) {
                ctx.put(k, Json.model(ctxNode.get(k)));
            }
        }
        return ctx;
    }

    private Map<String, Object> parse(JsonNode c) {
        String target = c.path("target").asText();
        String watchId = c.path("watch_id").asText("_id");
        JsonNode input = c.get("input");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", true);
        switch (target) {
            case "watch" -> {
                Watch w = WatchParser.parse(watchId, input);
                out.put("normalized", WatchParser.normalized(w));
            }
            case "condition" -> out.put("normalized", Map.of("type", Conditions.parse(watchId, input).type()));
            case "search_input" -> out.put("normalized", SearchInput.parse(watchId, input).normalized());
            case "email_action" -> {
                EmailAction a = EmailAction.parse(watchId, c.path("action_id").asText("_action"), input);
                out.put("normalized", Map.of("attachments", a.attachments()));
            }
            case "email_address" -> {
                EmailAction.validateAddress(input.asText());
                out.put("normalized", Map.of("address", input.asText()));
            }
            default -> throw new UnsupportedOperationException("unknown parse target [" + target + "]");
        }
        return out;
    }

    private Map<String, Object> schedule(JsonNode c) {
        Schedule s = Schedules.parse(c.get("schedule"));
        Instant from = instant(c.get("from"));
        int count = c.path("count").asInt(1);
        List<String> next = new ArrayList<>();
        Instant t = from;
        for (int i = 0; i < count; i++) {
            Optional<Instant> n = s.nextAfter(from, t);
            if (n.isEmpty()) {
                break;
            }
            next.add(DateMath.format(n.get()));
            t = n.get();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crons", s.intervalMillis().isPresent() ? null : s.crons());
        out.put("interval_ms", s.intervalMillis().orElse(null));
        out.put("next", next);
        return out;
    }

    private Map<String, Object> triggerEngine(JsonNode c) {
        Schedule s = Schedules.parse(c.get("schedule"));
        TriggerSimulation sim = new TriggerSimulation(s, instant(c.get("start")));
        List<Map<String, Object>> events = new ArrayList<>();
        for (JsonNode tick : c.path("ticks")) {
            sim.tick(instant(tick)).ifPresent(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("triggered_time", DateMath.format(e.triggeredTime()));
                m.put("scheduled_time", DateMath.format(e.scheduledTime()));
                events.add(m);
            });
        }
        return Map.of("events", events);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mustache(JsonNode c) {
        String engine = c.path("engine").asText("lang-mustache");
        Map<String, Object> params = c.has("params") ? (Map<String, Object>) Json.model(c.get("params")) : Map.of();
        JsonNode template = c.get("template");
        String output;
        try {
            if (engine.equals("watcher-text")) {
                if (template.isObject()) {
                    output = Templates.renderText(template.path("source").asText(), (Map<String, Object>) Json.model(template.get("params")), params);
                } else {
                    output = Templates.renderText(template.asText(), null, params);
                }
            } else {
                MediaType type = MediaType.of(c.has("content_type") ? c.get("content_type").asText() : null);
                output = Templates.render(template.asText(), type, params);
            }
        } catch (com.github.mustachejava.MustacheException e) {
            throw new WatchException(WatchException.Phase.COMPILE, WatchException.fullMessage(e));
        }
        return Map.of("output", output);
    }

    private Map<String, Object> timeValue(JsonNode c) {
        JsonNode input = c.get("input");
        Map<String, Object> out = new LinkedHashMap<>();
        if (input == null || input.isNull()) {
            out.put("millis", null);
            return out;
        }
        if (input.isNumber()) {
            throw WatchException.parse("failed to parse time value: expected a string like 5m, got a number [" + input + "]; numbers go in *_in_millis fields");
        }
        try {
            out.put("millis", TimeValues.parse(input.asText(), "time_value"));
        } catch (IllegalArgumentException e) {
            throw WatchException.parse(WatchException.fullMessage(e));
        }
        return out;
    }

    private Map<String, Object> throttle(JsonNode c) {
        JsonNode watch = c.path("watch");
        Duration fallback = Duration.ofMillis(Optional.ofNullable(TimeValues.parse(c.path("default_throttle_period").asText("5s"), "default_throttle_period")).orElse(Throttler.DEFAULT_PERIOD.toMillis()));
        Long watchPeriod = TimeValues.field(watch, "throttle_period", "");
        Map<String, Long> periods = new LinkedHashMap<>();
        Map<String, Condition> conditions = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = watch.path("actions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ids.add(e.getKey());
            periods.put(e.getKey(), TimeValues.field(e.getValue(), "throttle_period", ""));
            if (e.getValue().has("condition")) {
                conditions.put(e.getKey(), Conditions.parse("_id", e.getValue().get("condition")));
            }
        }
        WatchStatus status = new WatchStatus(ids);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JsonNode step : c.path("steps")) {
            Instant at = instant(step.get("at"));
            Map<String, Object> out = new LinkedHashMap<>();
            if (step.path("op").asText().equals("ack")) {
                List<String> acked = new ArrayList<>();
                step.path("actions").forEach(a -> acked.add(a.asText()));
                out.put("changed", status.ack(acked, at));
            } else {
                boolean met = step.path("condition_met").asBoolean();
                status.onCheck(met, at);
                Map<String, Object> actions = new LinkedHashMap<>();
                if (met) {
                    Map<String, Object> model = Map.of("ctx", Map.of("payload", step.has("payload") ? Json.model(step.get("payload")) : Map.of()));
                    for (String id : ids) {
                        ActionStatus as = status.action(id);
                        Long p = periods.get(id) != null ? periods.get(id) : watchPeriod;
                        Duration period = p != null ? Duration.ofMillis(p) : fallback;
                        Optional<ActionOutcome> t = Throttler.check(as, period, at);
                        if (t.isPresent()) {
                            as.onThrottle(at);
                            actions.put(id, t.get().id());
                            continue;
                        }
                        Condition cond = conditions.get(id);
                        if (cond != null && !cond.evaluate(model, Clock.fixed(at, ZoneOffset.UTC)).met()) {
                            as.resetAck(at);
                            actions.put(id, ActionOutcome.CONDITION_FAILED.id());
                            continue;
                        }
                        boolean success = !"failure".equals(step.path("action_outcomes").path(id).asText("success"));
                        as.onExecution(at, success);
                        actions.put(id, success ? ActionOutcome.EXECUTED.id() : ActionOutcome.FAILURE.id());
                    }
                }
                out.put("actions", actions);
            }
            Map<String, Object> ack = new LinkedHashMap<>();
            status.actions().forEach((k, v) -> ack.put(k, v.ackState().id()));
            out.put("ack_states", ack);
            steps.add(out);
        }
        return Map.of("steps", steps);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> searchRequest(JsonNode c) {
        String watchId = c.path("ctx").path("watch_id").asText("_id");
        com.fasterxml.jackson.databind.node.ObjectNode input = Json.MAPPER.createObjectNode();
        input.set("request", c.get("request"));
        SearchInput search = SearchInput.parse(watchId, input);
        Map<String, Object> ctx = ctxModel(c.path("ctx"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ctx", ctx);
        SearchInput.Rendered r = search.render(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("indices", r.indices());
        out.put("search_type", r.searchType());
        out.put("body", r.body());
        return out;
    }

    private Map<String, Object> email(JsonNode c) {
        String actionId = c.path("action_id").asText("_action");
        Map<String, Object> ctx = ctxModel(c.path("ctx"));
        if (c.path("ctx").has("payload")) {
            ctx.put("payload", Json.model(c.path("ctx").get("payload")));
        }
        String watchId = c.path("ctx").path("watch_id").asText("_id");
        EmailAction action = EmailAction.parse(watchId, actionId, c.get("action"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ctx", ctx);
        RenderedEmail e = action.render(actionId, String.valueOf(ctx.getOrDefault("id", "_ctx")), model);
        return e.toMap();
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing instant");
        }
        return n.isNumber() ? Instant.ofEpochMilli(n.asLong()) : DateMath.parseDate(n.asText());
    }
}
