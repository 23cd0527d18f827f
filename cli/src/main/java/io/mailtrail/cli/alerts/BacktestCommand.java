package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.execution.TriggerEvent;
import io.mailtrail.alerts.execution.WatchExecutor;
import io.mailtrail.alerts.throttle.Throttler;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code alerts backtest}: runs every watch at each of its scheduled times in a past window and prints when
 * it would have fired (throttling not applied: every fire is listed). Sends nothing.
 */
final class BacktestCommand implements Command {

    /** Above this many evaluations per watch the backtest refuses: pick a shorter window or one watch. */
    static final int MAX_RUNS = 20_000;

    @Override
    public String name() {
        return "backtest";
    }

    @Override
    public String summary() {
        return "run the watches at each of their scheduled times between --from and --to and print when they would have fired";
    }

    @Override
    public List<Option> options() {
        List<Option> o = new ArrayList<>(ConnectionOptions.OPTIONS);
        o.addAll(WatchSource.OPTIONS);
        o.add(Option.valued("from", "TIME", "start of the past window (required), e.g. 2026-11-27T00:00:00Z; intervals count from it"));
        o.add(Option.valued("to", "TIME", "end of the window (default: now)"));
        o.add(Option.valued("format", "text|json", "text (default) or one JSON object per fire"));
        return o;
    }

    @Override
    public ExitCode run(Arguments args, Console console) {
        boolean json = CheckCommand.format(args);
        Instant from = AlertsEnvironment.instant("from", args.value("from").orElseThrow(() -> CliException.usage("--from is required")));
        Instant to = args.value("to").map(v -> AlertsEnvironment.instant("to", v)).orElse(Instant.now());
        if (!to.isAfter(from)) {
            throw CliException.usage("--to must be after --from");
        }
        List<String> problems = new ArrayList<>();
        List<Watch> watches = WatchSource.parse(WatchSource.read(args, problems), problems);
        problems.forEach(p -> console.err().println("mailtrail: " + p));
        try (Cluster cluster = Cluster.connect(ConnectionOptions.from(args, console))) {
            ClusterClient client = AlertsEnvironment.client(cluster);
            WatchExecutor executor = new WatchExecutor(client, null, Throttler.DEFAULT_PERIOD, line -> { });
            boolean failed = !problems.isEmpty();
            for (Watch w : watches) {
                int runs = 0;
                int fires = 0;
                int errors = 0;
                Optional<Instant> t = w.schedule().nextAfter(from, from.minusMillis(1));
                while (t.isPresent() && !t.get().isAfter(to)) {
                    if (++runs > MAX_RUNS) {
                        throw CliException.usage("backtest of " + w.id() + " needs more than " + MAX_RUNS + " runs: shorten --from/--to or pick --watch");
                    }
                    ExecutionResult r = executor.execute(w, TriggerEvent.at(t.get()), t.get(), null, WatchExecutor.fixedClock(t.get()));
                    if (r.state().equals("failed")) {
                        errors++;
                        console.err().println("mailtrail: " + w.id() + " @ " + t.get() + ": " + r.error());
                    } else if (Boolean.TRUE.equals(r.met())) {
                        fires++;
                        ResultPrinter.print(r, json, false, console.out());
                    }
                    t = w.schedule().nextAfter(from, t.get());
                }
                if (!json) {
                    console.out().printf("%-34s %d of %d runs fire%s%n", w.id(), fires, runs, errors == 0 ? "" : ", " + errors + " failed");
                }
                failed |= errors > 0;
            }
            return failed ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
