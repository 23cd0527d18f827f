package io.mailtrail.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.schema.Fields;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mailtrail tail}: prints call events as they become searchable, oldest first. Events can become
 * searchable after younger ones (their {@code @timestamp} is when the call started, and batches arrive in any
 * order), so each poll looks back {@link #LAG} and skips the events it already printed.
 */
public final class TailCommand implements Command {

    /** How far back a poll looks for events that arrived late. */
    static final Duration LAG = Duration.ofSeconds(30);
    private static final int PAGE = 500;

    private final Clock clock;

    public TailCommand() {
        this(Clock.systemUTC());
    }

    TailCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tail";
    }

    @Override
    public String summary() {
        return "print call events as they arrive, one line each (--failures: failures only; Ctrl-C stops)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ConnectionOptions.OPTIONS);
        options.addAll(CallFilter.OPTIONS);
        options.add(Option.flag("failures", "only attempts that failed (event.outcome: failure)"));
        options.add(Option.valued("since", "DURATION", "first print the events of this last span, e.g. 10m (default 1m)"));
        options.add(Option.valued("interval", "DURATION", "time between polls (default 2s)"));
        options.add(Option.valued("for", "DURATION", "stop after this time (default: until Ctrl-C)"));
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConnectionOptions connection = ConnectionOptions.from(arguments, console);
        CallFilter filter = CallFilter.from(arguments);
        boolean failuresOnly = arguments.flag("failures");
        Duration since = arguments.value("since").map(v -> Durations.parse("since", v)).orElse(Duration.ofMinutes(1));
        Duration interval = arguments.value("interval").map(v -> Durations.parse("interval", v)).orElse(Duration.ofSeconds(2));
        Instant stopAt = arguments.value("for").map(v -> clock.instant().plus(Durations.parse("for", v))).orElse(null);
        Instant start = clock.instant().minus(since);
        console.err().println("mailtrail tail: " + (failuresOnly ? "failed " : "") + "call events of " + filter.describe() + " at "
                + connection.url() + " from " + start + (stopAt == null ? " (Ctrl-C stops)" : " until " + stopAt));
        try (Cluster cluster = Cluster.connect(connection)) {
            Searches searches = new Searches(cluster);
            Map<String, Instant> printed = new HashMap<>();
            Instant[] newest = {start};
            Poller.Outcome outcome = new Poller(name(), interval, console.err()).run(() -> {
                Instant from = newest[0].minus(LAG).isBefore(start) ? start : newest[0].minus(LAG);
                String extra = failuresOnly ? CallFilter.term(Fields.EVENT_OUTCOME.name(), "failure") : null;
                String query = extra == null ? filter.query(from) : filter.query(from, extra);
                String searchAfter = null;
                while (true) {
                    JsonNode hits = searches.search(filter.callsStream(), "{\"size\":" + PAGE + ",\"query\":" + query
                            + ",\"sort\":[{\"" + Fields.TIMESTAMP.name() + "\":\"asc\"},{\"" + Fields.EVENT_ID.name() + "\":\"asc\"}]"
                            + (searchAfter == null ? "" : ",\"search_after\":" + searchAfter) + "}").path("hits").path("hits");
                    for (JsonNode hit : hits) {
                        String id = hit.path("_id").asText();
                        searchAfter = hit.path("sort").toString();
                        if (printed.containsKey(id)) {
                            continue;
                        }
                        Instant at = timestamp(hit.path("_source"), from);
                        printed.put(id, at);
                        if (at.isAfter(newest[0])) {
                            newest[0] = at;
                        }
                        console.out().println(EventLine.call(hit.path("_source")));
                    }
                    if (hits.size() < PAGE) {
                        break;
                    }
                }
                console.out().flush();
                Instant forget = newest[0].minus(LAG).minus(LAG);
                printed.values().removeIf(t -> t.isBefore(forget));
                return true;
            }, 0, () -> stopAt == null || clock.instant().isBefore(stopAt));
            return outcome.neverReached() ? ExitCode.UNREACHABLE : ExitCode.OK;
        }
    }

    private static Instant timestamp(JsonNode source, Instant otherwise) {
        try {
            return Instant.parse(EventLine.text(source, Fields.TIMESTAMP, otherwise.toString()));
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
