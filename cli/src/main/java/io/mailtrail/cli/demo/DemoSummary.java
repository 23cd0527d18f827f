package io.mailtrail.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.live.Searches;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run numbers, all read from Elasticsearch (not from the demo's own counters): per provider the
 * logical sends, how many succeeded and failed, the attempts and retries they took; the failed sends per error
 * category; the delivery events per status.
 *
 * @param rows             one per provider, by name
 * @param failedByCategory finally failed sends per {@code mailtrail.error.category}
 * @param deliveryByStatus delivery events per {@code mailtrail.delivery.status}
 */
public record DemoSummary(List<Row> rows, Map<String, Long> failedByCategory, Map<String, Long> deliveryByStatus) {

    /** One provider's numbers. */
    public record Row(String provider, long sends, long succeeded, long failed, long attempts, long retries) {
    }

    /** Reads the summary of a namespace's data streams (refreshed first, so that every event counts). */
    public static DemoSummary read(Searches searches, String namespace) {
        String calls = Dataset.CALLS.dataStream(namespace);
        String delivery = Dataset.DELIVERY.dataStream(namespace);
        searches.refresh(calls + "," + delivery);
        String finalTerm = "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}";
        String outcome = Fields.EVENT_OUTCOME.name();
        JsonNode c = searches.search(calls, "{\"size\":0,\"aggs\":{\"provider\":{\"terms\":{\"field\":\"" + Fields.PROVIDER.name()
                + "\",\"size\":100,\"order\":{\"_key\":\"asc\"}},\"aggs\":{"
                + "\"retries\":{\"filter\":{\"range\":{\"" + Fields.ATTEMPT_NUMBER.name() + "\":{\"gt\":1}}}},"
                + "\"sends\":{\"filter\":" + finalTerm + ",\"aggs\":{\"ok\":{\"filter\":{\"term\":{\"" + outcome + "\":\"success\"}}},"
                + "\"failed\":{\"filter\":{\"term\":{\"" + outcome + "\":\"failure\"}}}}}}},"
                + "\"failed\":{\"filter\":{\"bool\":{\"filter\":[" + finalTerm + ",{\"term\":{\"" + outcome + "\":\"failure\"}}]}},"
                + "\"aggs\":{\"category\":{\"terms\":{\"field\":\"" + Fields.ERROR_CATEGORY.name() + "\",\"size\":50}}}}}}")
                .path("aggregations");
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : c.path("provider").path("buckets")) {
            JsonNode sends = b.path("sends");
            rows.add(new Row(b.path("key").asText(), sends.path("doc_count").asLong(), sends.path("ok").path("doc_count").asLong(),
                    sends.path("failed").path("doc_count").asLong(), b.path("doc_count").asLong(), b.path("retries").path("doc_count").asLong()));
        }
        Map<String, Long> categories = counts(c.path("failed").path("category"));
        JsonNode d = searches.search(delivery, "{\"size\":0,\"aggs\":{\"status\":{\"terms\":{\"field\":\"" + Fields.DELIVERY_STATUS.name()
                + "\",\"size\":50}}}}").path("aggregations");
        return new DemoSummary(rows, categories, counts(d.path("status")));
    }

    private static Map<String, Long> counts(JsonNode terms) {
        Map<String, Long> out = new LinkedHashMap<>();
        terms.path("buckets").forEach(b -> out.put(b.path("key").asText(), b.path("doc_count").asLong()));
        return out;
    }

    public long totalSends() {
        return rows.stream().mapToLong(Row::sends).sum();
    }

    public long totalAttempts() {
        return rows.stream().mapToLong(Row::attempts).sum();
    }

    /** The summary as printed: a table, then the categories and statuses. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "  %-10s %8s %10s %8s %9s %8s", "provider", "sends", "succeeded", "failed", "attempts", "retries"));
        long[] total = new long[5];
        for (Row r : rows) {
            out.add(row(r.provider(), r.sends(), r.succeeded(), r.failed(), r.attempts(), r.retries()));
            total[0] += r.sends();
            total[1] += r.succeeded();
            total[2] += r.failed();
            total[3] += r.attempts();
            total[4] += r.retries();
        }
        out.add(row("all", total[0], total[1], total[2], total[3], total[4]));
        out.add("  failed sends by error category: " + join(failedByCategory));
        out.add("  delivery events by status: " + join(deliveryByStatus));
        return out;
    }

    private static String row(String name, long sends, long ok, long failed, long attempts, long retries) {
        return String.format(Locale.ROOT, "  %-10s %8d %10d %8d %9d %8d", name, sends, ok, failed, attempts, retries);
    }

    private static String join(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }
}
