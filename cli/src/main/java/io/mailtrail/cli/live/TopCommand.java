package io.mailtrail.cli.live;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code mailtrail top}: the live per-provider view of a cluster's call events, refreshed in place. */
public final class TopCommand implements Command {

    private final Clock clock;

    public TopCommand() {
        this(Clock.systemUTC());
    }

    TopCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "top";
    }

    @Override
    public String summary() {
        return "live view per provider: sends/min, success rate, p95 latency, retries (Ctrl-C stops)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ConnectionOptions.OPTIONS);
        options.addAll(CallFilter.OPTIONS);
        options.add(Option.valued("interval", "DURATION", "time between refreshes, e.g. 2s (default 5s)"));
        options.add(Option.valued("window", "DURATION", "events of this last span are counted, e.g. 15m (default 5m)"));
        options.add(Option.valued("count", "N", "stop after N refreshes (default: until Ctrl-C)"));
        options.add(Option.flag("plain", "print each refresh as plain lines, also on a terminal"));
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConnectionOptions connection = ConnectionOptions.from(arguments, console);
        CallFilter filter = CallFilter.from(arguments);
        Duration interval = arguments.value("interval").map(v -> Durations.parse("interval", v)).orElse(Duration.ofSeconds(5));
        Duration window = arguments.value("window").map(v -> Durations.parse("window", v)).orElse(Duration.ofMinutes(5));
        int count = arguments.value("count").map(v -> Durations.positive("count", v)).orElse(0);
        Screen screen = new Screen(console.out(), !arguments.flag("plain") && Screen.terminal(console.env()), clock);
        try (Cluster cluster = Cluster.connect(connection)) {
            CallStats stats = new CallStats(new Searches(cluster), filter);
            Poller.Outcome outcome = new Poller(name(), interval, console.err()).run(() -> {
                Instant now = clock.instant();
                List<String> lines = new ArrayList<>();
                lines.add("mailtrail top: " + filter.describe() + " at " + connection.url() + ", last " + Durations.format(window)
                        + ", every " + Durations.format(interval));
                lines.addAll(StatsTable.lines(stats.since(now.minus(window), now)));
                screen.frame(lines);
                return true;
            }, count);
            return outcome.neverReached() ? ExitCode.UNREACHABLE : ExitCode.OK;
        }
    }
}
