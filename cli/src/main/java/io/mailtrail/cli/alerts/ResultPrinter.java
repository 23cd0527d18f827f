package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.execution.ActionResult;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints execution results as text (for people) or one JSON object per line (for scripts). */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static Map<String, Object> json(ExecutionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("watch", r.watchId());
        m.put("execution_time", DateMath.format(r.executionTime()));
        m.put("scheduled_time", DateMath.format(r.trigger().scheduledTime()));
        m.put("met", r.met());
        m.put("state", r.state());
        m.put("resolved_values", r.resolvedValues());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionResult a : r.actions()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("id", a.id());
            am.put("type", a.type());
            am.put("outcome", a.outcome() == null ? "rendered" : a.outcome().id());
            if (a.email() != null) {
                am.put("email", a.email().toMap());
            }
            if (a.text() != null) {
                am.put("text", a.text());
            }
            if (a.error() != null) {
                am.put("error", a.error());
            }
            actions.add(am);
        }
        m.put("actions", actions);
        if (r.error() != null) {
            m.put("error", r.error());
        }
        m.put("search_took_ms", r.searchTookMillis());
        m.put("engine_ms", r.engineNanos() / 1_000_000.0);
        return m;
    }

    static void print(ExecutionResult r, boolean asJson, boolean withEmail, PrintStream out) {
        if (asJson) {
            out.println(Json.write(json(r)));
            return;
        }
        String verdict = switch (r.state()) {
            case "executed", "throttled" -> "FIRES";
            case "execution_not_needed" -> "ok";
            case "not_evaluable" -> "NOT EVALUABLE";
            default -> "ERROR";
        };
        out.printf("%-34s %-13s as of %s%n", r.watchId(), verdict, DateMath.format(r.trigger().scheduledTime()));
        if (r.error() != null) {
            out.println("    " + r.error());
        }
        r.resolvedValues().forEach((k, v) -> out.println("    " + k + " = " + abbreviate(Json.write(v))));
        if (withEmail) {
            for (ActionResult a : r.actions()) {
                if (a.email() != null) {
                    out.println("    email [" + a.id() + "] to " + String.join(", ", a.email().to()));
                    out.println("      subject: " + a.email().subject());
                    if (a.email().text() != null) {
                        for (String line : a.email().text().split("\n")) {
                            out.println("      | " + line);
                        }
                    }
                }
                if (a.error() != null) {
                    out.println("    action [" + a.id() + "]: " + a.error());
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
