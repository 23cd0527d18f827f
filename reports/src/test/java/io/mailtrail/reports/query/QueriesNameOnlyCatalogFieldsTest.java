package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.reports.Fixtures;
import io.mailtrail.schema.Fields;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's searches name only fields of the catalog; a field the catalog lacks fails this test. */
class QueriesNameOnlyCatalogFieldsTest {

    /** Queries whose object's keys are field names (a terms aggregation has a "field" key instead). */
    private static final Set<String> FIELD_KEYED = Set.of("term", "terms", "range", "match", "prefix");

    @Test
    void everyFieldTheQueriesNameIsInTheCatalog() {
        Set<String> fields = new TreeSet<>();
        fields.addAll(fields(CallsQuery.body(Fixtures.WEEK)));
        fields.addAll(fields(DeliveryQuery.body(Fixtures.WEEK)));
        assertThat(fields).allSatisfy(f -> assertThat(Fields.byName(f)).as("catalog field %s", f).isPresent());
        // The collector sees what the report reads, so a rename in a query shows up here.
        assertThat(fields).contains("@timestamp", "event.duration", "mailtrail.success_count", "mailtrail.attempt.final",
                "mailtrail.error.category", "mailtrail.provider", "error.code", "error.message", "mailtrail.attempt.number",
                "mailtrail.retry.delay_ms", "mailtrail.rate_limit.retry_after_ms", "mailtrail.rate_limit.remaining",
                "mailtrail.delivery.status", "mailtrail.delivery.bounce_count", "mailtrail.delivery.complaint_count");
    }

    @Test
    void theCollectorFindsAFieldTheCatalogLacks() throws Exception {
        JsonNode bogus = new ObjectMapper().readTree("{\"aggs\":{\"x\":{\"terms\":{\"field\":\"mailtrail.nope\"}},"
                + "\"y\":{\"filter\":{\"term\":{\"email.to.address\":\"a\"}}}}}");
        assertThat(fields(bogus)).containsExactlyInAnyOrder("mailtrail.nope", "email.to.address")
                .allSatisfy(f -> assertThat(Fields.byName(f)).isEmpty());
    }

    /** Every field name in a search body: {@code field} values, keys of term/range queries, _source includes, sort keys. */
    static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, null, out);
        return out;
    }

    private static void collect(JsonNode node, String parentKey, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.equals("field") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else if (parentKey != null && FIELD_KEYED.contains(parentKey) && !node.has("field")) {
                    out.add(key);
                } else if (key.equals("includes")) {
                    e.getValue().forEach(v -> out.add(v.asText()));
                } else if (parentKey != null && parentKey.equals("sort")) {
                    out.add(key);
                }
                collect(e.getValue(), key, out);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, parentKey, out);
            }
        }
    }
}
