package io.mailtrail.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events with known outcomes, durations and categories, and the truth computed from them by plain counting,
 * independent of the report's code.
 */
final class Seed {

    static final ObjectMapper JSON = new ObjectMapper();

    final List<ObjectNode> calls = new ArrayList<>();
    final List<ObjectNode> deliveries = new ArrayList<>();

    /** One attempt. */
    Seed call(Instant at, String provider, boolean success, long durationMs, int attempt, boolean last, String category, String code,
              String message, Long retryDelayMs) {
        ObjectNode e = JSON.createObjectNode();
        e.put(Fields.TIMESTAMP.name(), at.toString());
        e.put(Fields.DATA_STREAM_DATASET.name(), Dataset.CALLS.datasetName());
        e.put(Fields.EVENT_DATASET.name(), Dataset.CALLS.datasetName());
        e.put(Fields.EVENT_ACTION.name(), "email-send");
        e.put(Fields.EVENT_OUTCOME.name(), success ? "success" : "failure");
        e.put(Fields.EVENT_DURATION.name(), durationMs * 1_000_000L);
        e.put(Fields.PROVIDER.name(), provider);
        e.put(Fields.ATTEMPT_NUMBER.name(), attempt);
        e.put(Fields.ATTEMPT_FINAL.name(), last);
        e.put(Fields.SUCCESS_COUNT.name(), success ? 1 : 0);
        e.put(Fields.RETRY_DELAY.name(), retryDelayMs == null ? 0 : retryDelayMs);
        if (category != null) {
            e.put(Fields.ERROR_CATEGORY.name(), category);
            e.put(Fields.ERROR_CODE.name(), code);
            e.put(Fields.ERROR_MESSAGE.name(), message);
        }
        calls.add(e);
        return this;
    }

    Seed rateLimit(long retryAfterMs, long remaining) {
        ObjectNode last = calls.get(calls.size() - 1);
        last.put(Fields.RETRY_AFTER.name(), retryAfterMs);
        last.put(Fields.RATE_LIMIT_REMAINING.name(), remaining);
        return this;
    }

    Seed delivery(Instant at, String provider, String status, Integer bounce, Integer complaint) {
        ObjectNode e = JSON.createObjectNode();
        e.put(Fields.TIMESTAMP.name(), at.toString());
        e.put(Fields.DATA_STREAM_DATASET.name(), Dataset.DELIVERY.datasetName());
        e.put(Fields.EVENT_DATASET.name(), Dataset.DELIVERY.datasetName());
        e.put(Fields.PROVIDER.name(), provider);
        e.put(Fields.DELIVERY_STATUS.name(), status);
        e.put(Fields.EVENT_ACTION.name(), status);
        if (bounce != null) {
            e.put(Fields.BOUNCE_COUNT.name(), bounce);
        }
        if (complaint != null) {
            e.put(Fields.COMPLAINT_COUNT.name(), complaint);
        }
        deliveries.add(e);
        return this;
    }

    /**
     * A week of sending from {@code start}: every day sendgrid has 20 logical sends (18 succeed, 1 succeeds on a
     * second attempt after a 429, 1 fails for good with 401) when {@code troubled}, else 20 that succeed;
     * ses has 10 that succeed. Durations are constant per provider and week.
     */
    Seed week(Instant start, boolean troubled, long sendgridMs, long sesMs) {
        for (int day = 0; day < 7; day++) {
            Instant d = start.plus(Duration.ofDays(day));
            int slot = 0;
            for (int i = 0; i < 20; i++) {
                Instant at = d.plus(Duration.ofMinutes(30L * slot++));
                if (troubled && i == 18) {
                    call(at, "sendgrid", false, sendgridMs, 1, false, "rate_limited", "429", "Too many requests", 0L).rateLimit(2000, 0);
                    call(d.plus(Duration.ofMinutes(30L * slot++)), "sendgrid", true, sendgridMs, 2, true, null, null, null, 1000L);
                } else if (troubled && i == 19) {
                    call(at, "sendgrid", false, sendgridMs, 1, true, "authentication", "401", "The provided authorization grant is invalid", 0L);
                } else {
                    call(at, "sendgrid", true, sendgridMs, 1, true, null, null, null, 0L);
                }
            }
            for (int i = 0; i < 10; i++) {
                call(d.plus(Duration.ofMinutes(30L * slot++)), "ses", true, sesMs, 1, true, null, null, null, 0L);
            }
        }
        return this;
    }

    /**
     * The reference dataset: a quiet week from {@code weekBefore} (sendgrid 400 ms, all good; 200 delivered, 2 hard
     * bounces) and a troubled week from {@code week} (sendgrid 1.1 s, 429s retried, 401s; 200 delivered, 12 hard
     * bounces, 5 soft, 1 complaint, 30 opened).
     */
    static Seed twoWeeks(Instant weekBefore, Instant week) {
        Seed seed = new Seed().week(weekBefore, false, 400, 200).week(week, true, 1100, 200);
        for (int i = 0; i < 248; i++) {
            Instant at = week.plus(Duration.ofMinutes(37L * i));
            String status = i < 200 ? "delivered" : i < 212 ? "bounced_hard" : i < 217 ? "bounced_soft" : i < 218 ? "complained" : "opened";
            seed.delivery(at, i % 3 == 0 ? "ses" : "sendgrid", status,
                    status.equals("delivered") ? Integer.valueOf(0) : status.equals("bounced_hard") ? Integer.valueOf(1) : null,
                    status.equals("delivered") ? Integer.valueOf(0) : status.equals("complained") ? Integer.valueOf(1) : null);
        }
        for (int i = 0; i < 202; i++) {
            seed.delivery(weekBefore.plus(Duration.ofMinutes(40L * i)), "ses", i < 200 ? "delivered" : "bounced_hard",
                    i < 200 ? 0 : 1, i < 200 ? Integer.valueOf(0) : null);
        }
        return seed;
    }

    void index(RestClient client, String namespace) throws IOException {
        bulk(client, Dataset.CALLS.dataStream(namespace), calls);
        bulk(client, Dataset.DELIVERY.dataStream(namespace), deliveries);
        client.performRequest(new Request("POST", "/logs-mailtrail.*-" + namespace + "/_refresh"));
    }

    private static void bulk(RestClient client, String stream, List<ObjectNode> docs) throws IOException {
        if (docs.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (ObjectNode d : docs) {
            body.append("{\"create\":{\"_index\":\"").append(stream).append("\"}}\n").append(JSON.writeValueAsString(d)).append('\n');
        }
        Request request = new Request("POST", "/_bulk");
        request.setJsonEntity(body.toString());
        JsonNode response = JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
        assertThat(response.path("errors").asBoolean()).as(response.toString()).isFalse();
    }

    // ---- the truth, by counting

    List<ObjectNode> callsIn(Instant from, Instant to) {
        return calls.stream().filter(e -> in(e, from, to)).toList();
    }

    List<ObjectNode> deliveriesIn(Instant from, Instant to) {
        return deliveries.stream().filter(e -> in(e, from, to)).toList();
    }

    private static boolean in(ObjectNode e, Instant from, Instant to) {
        Instant t = Instant.parse(e.path(Fields.TIMESTAMP.name()).asText());
        return !t.isBefore(from) && t.isBefore(to);
    }

    static long count(List<ObjectNode> events, String field, String value) {
        return events.stream().filter(e -> e.path(field).asText().equals(value)).count();
    }

    /** Average of a numeric field over the events that have it; null when none has it. */
    static Double avg(List<ObjectNode> events, String field) {
        List<ObjectNode> with = events.stream().filter(e -> e.has(field)).toList();
        return with.isEmpty() ? null : with.stream().mapToDouble(e -> e.path(field).asDouble()).sum() / with.size();
    }
}
