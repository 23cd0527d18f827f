package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.figures.DeliveryFigures;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.Fields;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.mailtrail.reports.query.Aggs.metric;
import static io.mailtrail.reports.query.Aggs.terms;
import static io.mailtrail.reports.query.Aggs.value;

/** The one search that gives the delivery funnel and the bounce and complaint rates of a period. */
public final class DeliveryQuery {

    private DeliveryQuery() {
    }

    public static ObjectNode body(ReportPeriod period) {
        ObjectNode body = Aggs.searchBody(period);
        ObjectNode aggs = body.putObject("aggs");
        aggs.set("statuses", terms(Fields.DELIVERY_STATUS, DeliveryStatus.values().length + 10, CallsQuery.NONE));
        aggs.set("bounce", metric("avg", Fields.BOUNCE_COUNT));
        aggs.set("bounce_base", metric("value_count", Fields.BOUNCE_COUNT));
        aggs.set("complaint", metric("avg", Fields.COMPLAINT_COUNT));
        aggs.set("complaint_base", metric("value_count", Fields.COMPLAINT_COUNT));
        return body;
    }

    public static DeliveryFigures read(JsonNode response) {
        JsonNode aggs = response.path("aggregations");
        Map<String, Long> found = CallsQuery.counts(aggs.path("statuses"));
        // Funnel order: the vocabulary's order first, then anything else a pipeline wrote.
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            Long n = found.remove(s.value());
            if (n != null) {
                byStatus.put(s.value(), n);
            }
        }
        byStatus.putAll(found);
        return new DeliveryFigures(response.path("hits").path("total").path("value").asLong(), byStatus,
                value(aggs.path("bounce")), aggs.path("bounce_base").path("value").asLong(),
                value(aggs.path("complaint")), aggs.path("complaint_base").path("value").asLong());
    }
}
