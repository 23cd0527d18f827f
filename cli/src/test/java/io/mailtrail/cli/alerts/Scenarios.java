package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.schema.Fields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Synthetic traffic for the alert scenarios: call and delivery events as the tracker writes them (catalog
 * field names), each scenario around its own fault onset, days apart so that no window sees two scenarios.
 */
final class Scenarios {

    static final String CALLS = "logs-mailtrail.calls-default";
    static final String DELIVERY = "logs-mailtrail.delivery-default";
    static final List<String> PROVIDERS = List.of("sendgrid", "ses");

    /** One scenario: its name, when the fault starts (or becomes visible), and which watches must fire. */
    record Scenario(String name, Instant onset, Set<String> fires, String description) {
    }

    static final Instant BASE = Instant.parse("2026-01-05T12:00:00Z");

    static final List<Scenario> ALL = List.of(
            new Scenario("healthy", at(0), Set.of(), "two providers, a call every 5 s each, 99.8 % success, 200 ms; deliveries every 2 s"),
            new Scenario("failure burst", at(1), Set.of("mailtrail-success-rate", "mailtrail-non-retryable-failures"),
                    "healthy, then sendgrid's API key revoked: every sendgrid call fails with `authentication` for 5 min"),
            new Scenario("latency spike", at(2), Set.of("mailtrail-latency-p95"), "healthy, then 60 % of sendgrid calls take 3.5 s for 5 min"),
            new Scenario("silence", at(3).plus(Duration.ofMinutes(15)), Set.of("mailtrail-silence"),
                    "healthy, then no call at all from the onset minus 15 min (the onset is when 15 quiet minutes have passed)"),
            new Scenario("low-volume noise", at(4), Set.of(), "one call every 5 min with 30 % failures and slow calls, 1 bounce and 1 complaint in 12 deliveries an hour, then it stops"),
            new Scenario("bounce surge", at(5), Set.of("mailtrail-bounce-rate", "mailtrail-complaint-rate"),
                    "healthy, then 60 % of sendgrid's delivery events are hard bounces and 1 % complaints"),
            new Scenario("rate-limit storm", at(6), Set.of("mailtrail-rate-limited", "mailtrail-success-rate"),
                    "healthy, then 60 % of sendgrid attempts fail with `rate_limited` (which also lowers the attempts' success rate)"),
            new Scenario("slow burn", at(7), Set.of("mailtrail-error-budget-burn"),
                    "for 7 hours, 1 in 13 sends fails (92.3 % success): above the 90 % alert, but burning a 99 % objective 7.7 times too fast"));

    private static Instant at(int day) {
        return BASE.plus(Duration.ofDays(2L * day));
    }

    /**
     * Indexes every scenario's events unless they are there already: the test classes that read them share one
     * node, and a second copy would double the low-volume scenario past the watches' minimum volumes.
     */
    static void seedOnce(io.mailtrail.alerts.cluster.ClusterClient cluster) {
        String range = "{\"query\":{\"range\":{\"" + Fields.TIMESTAMP.name() + "\":{\"gte\":\"" + BASE.minus(Duration.ofDays(1))
                + "\",\"lt\":\"" + at(ALL.size()) + "\"}}}}";
        long present = cluster.request("POST", "/logs-mailtrail.*/_count", Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), range)
                .path("count").asLong();
        if (present > 0) {
            return;
        }
        for (String body : bulkBodies()) {
            var response = cluster.request("POST", "/_bulk", Map.of(), body);
            if (response.path("errors").asBoolean()) {
                throw new AssertionError("scenario bulk rejected: " + response.toString().substring(0, Math.min(2000, response.toString().length())));
            }
        }
        cluster.request("POST", "/logs-mailtrail.*/_refresh", Map.of(), null);
    }

    /** Bulk NDJSON bodies (a few thousand documents each) for every scenario. */
    static List<String> bulkBodies() {
        List<String> bodies = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Scenario s : ALL) {
            for (Map<String, Object> doc : documents(s)) {
                String index = Fields.EVENT_DATASET.name().equals("event.dataset") && "mailtrail.calls".equals(doc.get(Fields.EVENT_DATASET.name())) ? CALLS : DELIVERY;
                b.append("{\"create\":{\"_index\":\"").append(index).append("\"}}\n").append(Json.write(doc)).append('\n');
                if (++n % 5000 == 0) {
                    bodies.add(b.toString());
                    b = new StringBuilder();
                }
            }
        }
        if (b.length() > 0) {
            bodies.add(b.toString());
        }
        return bodies;
    }

    static List<Map<String, Object>> documents(Scenario s) {
        List<Map<String, Object>> docs = new ArrayList<>();
        Instant t0 = s.onset();
        if (s.name().equals("low-volume noise")) {
            int i = 0;
            for (Instant t = t0.minus(Duration.ofHours(7)); t.isBefore(t0.plus(Duration.ofMinutes(10))); t = t.plus(Duration.ofMinutes(5)), i++) {
                boolean fail = i % 3 == 0;
                docs.add(call(t, "sendgrid", fail ? "provider_unavailable" : null, i % 4 == 0 ? 3_500 : 200));
                docs.add(delivery(t.plusSeconds(30), "sendgrid", i % 12 == 5 ? "bounce" : i % 12 == 7 ? "complaint" : "delivered"));
            }
            return docs;
        }
        Instant callsEnd = s.name().equals("silence") ? t0.minus(Duration.ofMinutes(15)) : t0.plus(Duration.ofMinutes(30));
        int i = 0;
        // Only the error-budget watch looks back 6 hours; the others need 75 minutes before the onset.
        Duration leadIn = s.name().equals("slow burn") || s.name().equals("failure burst") ? Duration.ofHours(7) : Duration.ofMinutes(80);
        for (Instant t = t0.minus(leadIn); t.isBefore(callsEnd); t = t.plusSeconds(5), i++) {
            boolean fault = !t.isBefore(t0) && t.isBefore(t0.plus(Duration.ofMinutes(5)));
            for (String p : PROVIDERS) {
                String error = i % 500 == 499 ? "network" : null;
                long ms = 200;
                boolean sg = p.equals("sendgrid");
                switch (s.name()) {
                    case "failure burst" -> error = fault && sg ? "authentication" : error;
                    case "latency spike" -> ms = fault && sg && i % 5 < 3 ? 3_500 : ms;
                    case "rate-limit storm" -> error = !t.isBefore(t0) && sg && i % 5 < 3 ? "rate_limited" : error;
                    case "slow burn" -> error = i % 13 == 0 ? "timeout" : null;
                    default -> { }
                }
                docs.add(call(t, p, error, ms));
            }
        }
        Instant deliveriesEnd = s.name().equals("silence") ? callsEnd : t0.plus(Duration.ofMinutes(30));
        int j = 0;
        for (Instant t = t0.minus(Duration.ofMinutes(75)); t.isBefore(deliveriesEnd); t = t.plusSeconds(2), j++) {
            for (String p : PROVIDERS) {
                String status = "delivered";
                if (s.name().equals("bounce surge") && p.equals("sendgrid") && !t.isBefore(t0)) {
                    status = j % 100 < 60 ? "bounce" : j % 100 == 60 ? "complaint" : "delivered";
                }
                docs.add(delivery(t, p, status));
            }
        }
        return docs;
    }

    static Map<String, Object> call(Instant t, String provider, String error, long millis) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(Fields.TIMESTAMP.name(), DateMath.format(t));
        d.put(Fields.EVENT_DATASET.name(), "mailtrail.calls");
        d.put(Fields.EVENT_ACTION.name(), "email-send");
        d.put(Fields.PROVIDER.name(), provider);
        d.put(Fields.EVENT_OUTCOME.name(), error == null ? "success" : "failure");
        d.put(Fields.SUCCESS_COUNT.name(), error == null ? 1 : 0);
        d.put(Fields.EVENT_DURATION.name(), millis * 1_000_000L);
        d.put(Fields.ATTEMPT_NUMBER.name(), 1);
        d.put(Fields.ATTEMPT_FINAL.name(), true);
        if (error != null) {
            d.put(Fields.ERROR_CATEGORY.name(), error);
        }
        return d;
    }

    static Map<String, Object> delivery(Instant t, String provider, String status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(Fields.TIMESTAMP.name(), DateMath.format(t));
        d.put(Fields.EVENT_DATASET.name(), "mailtrail.delivery");
        d.put(Fields.PROVIDER.name(), provider);
        switch (status) {
            case "bounce" -> {
                d.put(Fields.DELIVERY_STATUS.name(), "bounced_hard");
                d.put(Fields.BOUNCE_COUNT.name(), 1);
                d.put(Fields.ERROR_CATEGORY.name(), "recipient_rejected");
            }
            case "complaint" -> {
                d.put(Fields.DELIVERY_STATUS.name(), "complained");
                d.put(Fields.COMPLAINT_COUNT.name(), 1);
            }
            default -> {
                d.put(Fields.DELIVERY_STATUS.name(), "delivered");
                d.put(Fields.BOUNCE_COUNT.name(), 0);
                d.put(Fields.COMPLAINT_COUNT.name(), 0);
            }
        }
        return d;
    }
}
