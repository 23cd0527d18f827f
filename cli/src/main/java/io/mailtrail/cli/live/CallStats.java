package io.mailtrail.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.Fields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Per provider numbers of the call events in a window, from one aggregation search. */
public final class CallStats {

    private final Searches searches;
    private final CallFilter filter;

    public CallStats(Searches searches, CallFilter filter) {
        this.searches = searches;
        this.filter = filter;
    }

    /**
     * The numbers of the events from {@code from} (inclusive) to now; sends per minute are counted over that span
     * (at least one second).
     */
    public List<ProviderStats> since(Instant from, Instant now) {
        double minutes = Math.max(1000, Duration.between(from, now).toMillis()) / 60_000.0;
        JsonNode answer = searches.search(filter.callsStream(), body(from));
        List<ProviderStats> rows = new ArrayList<>();
        for (JsonNode b : answer.path("aggregations").path("provider").path("buckets")) {
            JsonNode final_ = b.path("sends");
            long sends = final_.path("doc_count").asLong();
            double p95Nanos = b.path("p95").path("values").path("95.0").asDouble(Double.NaN);
            rows.add(new ProviderStats(b.path("key").asText(), b.path("doc_count").asLong(), sends,
                    final_.path("ok").path("doc_count").asLong(), b.path("retries").path("doc_count").asLong(),
                    b.path("failures").path("doc_count").asLong(), p95Nanos / 1_000_000.0, sends / minutes));
        }
        return rows;
    }

    String body(Instant from) {
        String outcome = Fields.EVENT_OUTCOME.name();
        return "{\"size\":0,\"query\":" + filter.query(from) + ",\"aggs\":{\"provider\":{\"terms\":{\"field\":\""
                + Fields.PROVIDER.name() + "\",\"size\":100,\"order\":{\"_key\":\"asc\"}},\"aggs\":{"
                + "\"p95\":{\"percentiles\":{\"field\":\"" + Fields.EVENT_DURATION.name() + "\",\"percents\":[95]}},"
                + "\"retries\":{\"filter\":{\"range\":{\"" + Fields.ATTEMPT_NUMBER.name() + "\":{\"gt\":1}}}},"
                + "\"failures\":{\"filter\":" + CallFilter.term(outcome, "failure") + "},"
                + "\"sends\":{\"filter\":" + CallFilter.term(Fields.ATTEMPT_FINAL.name(), true) + ",\"aggs\":{"
                + "\"ok\":{\"filter\":" + CallFilter.term(outcome, "success") + "}}}}}}}";
    }
}
