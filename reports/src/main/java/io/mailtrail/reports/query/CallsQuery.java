package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.figures.ErrorMessage;
import io.mailtrail.reports.figures.ProviderFigures;
import io.mailtrail.reports.figures.RetryFigures;
import io.mailtrail.reports.figures.TimeBucket;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Fields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mailtrail.reports.query.Aggs.docCount;
import static io.mailtrail.reports.query.Aggs.latencyMs;
import static io.mailtrail.reports.query.Aggs.metric;
import static io.mailtrail.reports.query.Aggs.obj;
import static io.mailtrail.reports.query.Aggs.percentiles;
import static io.mailtrail.reports.query.Aggs.rangeFilter;
import static io.mailtrail.reports.query.Aggs.sub;
import static io.mailtrail.reports.query.Aggs.termFilter;
import static io.mailtrail.reports.query.Aggs.terms;
import static io.mailtrail.reports.query.Aggs.value;

/**
 * The one search that gives every call figure of a period: a {@code size: 0} request whose aggregations
 * (avg, percentiles, date_histogram, terms, filter, min/max) do all the counting on the cluster.
 */
public final class CallsQuery {

    /** Bucket label for documents without the field grouped on. */
    public static final String NONE = "(none)";
    /** How many providers, categories and error groups are read at most. */
    static final int MAX_PROVIDERS = 50;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CODES_PER_CATEGORY = 10;
    /** Lines of the "top errors" table. */
    public static final int TOP_ERRORS = 10;

    private CallsQuery() {
    }

    public static ObjectNode body(ReportPeriod period) {
        ObjectNode body = Aggs.searchBody(period);
        ObjectNode aggs = body.putObject("aggs");
        addRates(aggs);

        ObjectNode overTime = obj();
        ObjectNode histogram = overTime.putObject("date_histogram");
        histogram.put("field", Fields.TIMESTAMP.name());
        long bucketMs = period.bucket().toMillis();
        histogram.put("fixed_interval", bucketMs + "ms");
        // Buckets start where the period starts, so "day 1" of this week lines up with "day 1" of the last.
        histogram.put("offset", "+" + Math.floorMod(period.from().toEpochMilli(), bucketMs) + "ms");
        histogram.put("min_doc_count", 0);
        ObjectNode bounds = histogram.putObject("extended_bounds");
        bounds.put("min", period.from().toEpochMilli());
        bounds.put("max", period.to().toEpochMilli() - 1);
        addRates(sub(overTime));
        aggs.set("over_time", overTime);

        ObjectNode providers = terms(Fields.PROVIDER, MAX_PROVIDERS, NONE);
        addRates(sub(providers));
        sub(providers).set("failures", failureCategories());
        aggs.set("providers", providers);

        ObjectNode failures = failureCategories();
        ObjectNode codes = terms(Fields.ERROR_CODE, MAX_CODES_PER_CATEGORY, NONE);
        ObjectNode example = obj();
        ObjectNode topHits = example.putObject("top_hits");
        topHits.put("size", 1);
        topHits.putArray("sort").addObject().put(Fields.TIMESTAMP.name(), "desc");
        topHits.putObject("_source").putArray("includes").add(Fields.ERROR_MESSAGE.name());
        sub(codes).set("example", example);
        sub((ObjectNode) failures.path("aggs").path("categories")).set("codes", codes);
        aggs.set("failures", failures);

        ObjectNode retries = rangeFilter(Fields.ATTEMPT_NUMBER, "gte", 2);
        sub(retries).set("delay_avg", metric("avg", Fields.RETRY_DELAY));
        sub(retries).set("delay_max", metric("max", Fields.RETRY_DELAY));
        aggs.set("retries", retries);

        ObjectNode rateLimited = termFilter(Fields.ERROR_CATEGORY, ErrorCategory.RATE_LIMITED.value());
        sub(rateLimited).set("retry_after_avg", metric("avg", Fields.RETRY_AFTER));
        sub(rateLimited).set("providers", terms(Fields.PROVIDER, MAX_PROVIDERS, NONE));
        aggs.set("rate_limited", rateLimited);
        aggs.set("remaining_min", metric("min", Fields.RATE_LIMIT_REMAINING));
        return body;
    }

    /** Success rate of attempts and of logical sends, latency percentiles: per period, bucket and provider. */
    private static void addRates(ObjectNode aggs) {
        aggs.set("success", metric("avg", Fields.SUCCESS_COUNT));
        aggs.set("latency", percentiles(Fields.EVENT_DURATION));
        ObjectNode sends = termFilter(Fields.ATTEMPT_FINAL, true);
        sub(sends).set("success", metric("avg", Fields.SUCCESS_COUNT));
        aggs.set("sends", sends);
    }

    private static ObjectNode failureCategories() {
        ObjectNode failures = termFilter(Fields.SUCCESS_COUNT, 0L);
        sub(failures).set("categories", terms(Fields.ERROR_CATEGORY, MAX_CATEGORIES, NONE));
        return failures;
    }

    public static CallFigures read(JsonNode response) {
        JsonNode aggs = response.path("aggregations");
        long attempts = response.path("hits").path("total").path("value").asLong();

        List<TimeBucket> overTime = new ArrayList<>();
        for (JsonNode b : aggs.path("over_time").path("buckets")) {
            overTime.add(new TimeBucket(Instant.ofEpochMilli(b.path("key").asLong()), docCount(b), docCount(b.path("sends")),
                    value(b.path("success")), value(b.path("sends").path("success")), latencyMs(b.path("latency"))));
        }

        List<ProviderFigures> providers = new ArrayList<>();
        for (JsonNode b : aggs.path("providers").path("buckets")) {
            JsonNode failures = b.path("failures");
            providers.add(new ProviderFigures(b.path("key").asText(), docCount(b), docCount(b.path("sends")), value(b.path("success")),
                    value(b.path("sends").path("success")), latencyMs(b.path("latency")), docCount(failures),
                    counts(failures.path("categories"))));
        }

        JsonNode failures = aggs.path("failures");
        List<ErrorMessage> errors = new ArrayList<>();
        for (JsonNode category : failures.path("categories").path("buckets")) {
            for (JsonNode code : category.path("codes").path("buckets")) {
                JsonNode hits = code.path("example").path("hits").path("hits");
                JsonNode message = hits.path(0).path("_source").path(Fields.ERROR_MESSAGE.name());
                if (message.isMissingNode()) {
                    // _source as the application wrote it: nested objects instead of a dotted key.
                    message = hits.path(0).path("_source").path("error").path("message");
                }
                errors.add(new ErrorMessage(category.path("key").asText(), code.path("key").asText(), docCount(code),
                        message.isTextual() ? message.asText() : null));
            }
        }
        errors.sort(Comparator.comparingLong(ErrorMessage::count).reversed()
                .thenComparing(ErrorMessage::category).thenComparing(ErrorMessage::code));

        JsonNode retries = aggs.path("retries");
        JsonNode rateLimited = aggs.path("rate_limited");
        RetryFigures retryFigures = new RetryFigures(docCount(retries), attempts == 0 ? null : (double) docCount(retries) / attempts,
                value(retries.path("delay_avg")), value(retries.path("delay_max")), docCount(rateLimited),
                value(rateLimited.path("retry_after_avg")), value(aggs.path("remaining_min")), counts(rateLimited.path("providers")));

        return new CallFigures(attempts, docCount(aggs.path("sends")), value(aggs.path("success")),
                value(aggs.path("sends").path("success")), latencyMs(aggs.path("latency")), docCount(failures),
                counts(failures.path("categories")), overTime, providers,
                errors.subList(0, Math.min(TOP_ERRORS, errors.size())), retryFigures);
    }

    /** A terms aggregation as key to doc count, largest first. */
    static Map<String, Long> counts(JsonNode terms) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode b : terms.path("buckets")) {
            out.put(b.path("key").asText(), docCount(b));
        }
        return out;
    }
}
