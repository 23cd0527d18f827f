package io.mailtrail.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.schema.Fields;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code mailtrail events}: a first-run check without Kibana. For a namespace it counts the call events per
 * outcome and error category and the delivery events per status, and prints the latest events of each group;
 * with no event at all it names the mailtrail data streams the cluster does have.
 */
public final class EventsCommand implements Command {

    /** Marks events without an error category (successes) in the report. */
    static final String NO_CATEGORY = "-";

    private final Clock clock;

    public EventsCommand() {
        this(Clock.systemUTC());
    }

    EventsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String summary() {
        return "first-run check: event counts per outcome and category of a namespace, with the latest events of each";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ConnectionOptions.OPTIONS);
        options.addAll(CallFilter.OPTIONS);
        options.add(Option.valued("since", "DURATION", "only events of this last span, e.g. 1h (default: all)"));
        options.add(Option.valued("latest", "N", "latest events shown per group (default 3)"));
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConnectionOptions connection = ConnectionOptions.from(arguments, console);
        CallFilter filter = CallFilter.from(arguments);
        Instant from = arguments.value("since").map(v -> clock.instant().minus(Durations.parse("since", v))).orElse(null);
        int latest = arguments.value("latest").map(v -> Durations.positive("latest", v)).orElse(3);
        try (Cluster cluster = Cluster.connect(connection)) {
            Searches searches = new Searches(cluster);
            PrintStream out = console.out();
            out.println("mailtrail events: " + filter.describe() + " at " + connection.url() + (from == null ? "" : " since " + from));
            long calls = group(out, searches, filter.callsStream(), filter.query(from), Fields.EVENT_OUTCOME.name(),
                    Fields.ERROR_CATEGORY.name(), latest, EventLine::call);
            long deliveries = group(out, searches, filter.deliveryStream(), filter.query(from), Fields.DELIVERY_STATUS.name(),
                    Fields.ERROR_CATEGORY.name(), latest, EventLine::delivery);
            if (calls + deliveries == 0) {
                Set<String> present = mailtrailStreams(cluster);
                throw new CliException(ExitCode.FAILED, "no mailtrail events in " + filter.callsStream() + " or " + filter.deliveryStream()
                        + (filter.service() == null && filter.provider() == null ? "" : " matching the filters")
                        + (present.isEmpty() ? "; the cluster has no logs-mailtrail.* data stream yet: is the appender's <url> this cluster,"
                                + " and did the application log through the 'mailtrail' loggers?"
                                : "; mailtrail data streams on this cluster: " + String.join(", ", present) + " (pick one with --namespace)"));
            }
            out.println();
            out.println("query them yourself: GET " + filter.callsStream() + "/_search and GET " + filter.deliveryStream()
                    + "/_search (the pattern logs-mailtrail.*-* covers every namespace); see cli/README.md for examples.");
            return ExitCode.OK;
        }
    }

    /** Counts per first and second key, the latest events of each pair; returns the documents counted. */
    private static long group(PrintStream out, Searches searches, String index, String query, String first, String second, int latest,
                              Function<JsonNode, String> line) {
        String body = "{\"size\":0,\"track_total_hits\":true,\"query\":" + query + ",\"aggs\":{\"first\":{\"terms\":{\"field\":\""
                + first + "\",\"size\":20,\"missing\":\"" + NO_CATEGORY + "\"},\"aggs\":{\"second\":{\"terms\":{\"field\":\"" + second
                + "\",\"size\":50,\"missing\":\"" + NO_CATEGORY + "\"},\"aggs\":{\"latest\":{\"top_hits\":{\"size\":" + latest
                + ",\"sort\":[{\"" + Fields.TIMESTAMP.name() + "\":\"desc\"}]}},\"newest\":{\"max\":{\"field\":\"" + Fields.TIMESTAMP.name()
                + "\"}}}}}}}}";
        JsonNode answer = searches.search(index, body);
        long total = answer.path("hits").path("total").path("value").asLong();
        out.println();
        out.println(index + ": " + total + " event" + (total == 1 ? "" : "s"));
        for (JsonNode a : answer.path("aggregations").path("first").path("buckets")) {
            for (JsonNode b : a.path("second").path("buckets")) {
                String newest = b.path("newest").path("value_as_string").asText("");
                out.printf(Locale.ROOT, "  %-10s %-28s %8d   latest %s%n", a.path("key").asText(), b.path("key").asText(),
                        b.path("doc_count").asLong(), newest);
                for (JsonNode hit : b.path("latest").path("hits").path("hits")) {
                    out.println("      " + line.apply(hit.path("_source")));
                }
            }
        }
        return total;
    }

    /** Names of the data streams (or plain indices, on a node without data streams) under {@code logs-mailtrail.*}. */
    private static Set<String> mailtrailStreams(Cluster cluster) {
        Set<String> names = new TreeSet<>();
        cluster.get("/_resolve/index/logs-mailtrail.*", "list the mailtrail data streams", "view_index_metadata").ifPresent(r -> {
            r.path("data_streams").forEach(d -> names.add(d.path("name").asText()));
            r.path("indices").forEach(i -> {
                String name = i.path("name").asText();
                if (!i.has("data_stream") && !name.startsWith(".")) {
                    names.add(name);
                }
            });
        });
        return names;
    }

}
