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

/**
 * {@code alerts check}: runs each watch once, as of now or {@code --at}, and prints whether it fires, the
 * numbers it compared and the email it would send. Sends nothing, changes nothing.
 */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "run each watch once (now or --at TIME) and print fire / no fire, the numbers and the rendered email; sends nothing";
    }

    @Override
    public List<Option> options() {
        List<Option> o = new ArrayList<>(ConnectionOptions.OPTIONS);
        o.addAll(WatchSource.OPTIONS);
        o.add(Option.valued("at", "TIME", "evaluate as of this past instant (sets ctx.execution_time, the trigger times and now): 2026-11-27T10:15:00Z"));
        o.add(Option.valued("format", "text|json", "text (default) or one JSON object per watch and line"));
        return o;
    }

    @Override
    public ExitCode run(Arguments args, Console console) {
        boolean json = format(args);
        Instant at = args.value("at").map(v -> AlertsEnvironment.instant("at", v)).orElse(Instant.now());
        List<String> problems = new ArrayList<>();
        List<Watch> watches = WatchSource.parse(WatchSource.read(args, problems), problems);
        problems.forEach(p -> console.err().println("mailtrail: " + p));
        try (Cluster cluster = Cluster.connect(ConnectionOptions.from(args, console))) {
            ClusterClient client = AlertsEnvironment.client(cluster);
            WatchExecutor executor = new WatchExecutor(client, null, Throttler.DEFAULT_PERIOD, line -> console.err().println("mailtrail: " + line));
            boolean failed = !problems.isEmpty();
            for (Watch w : watches) {
                ExecutionResult r = executor.execute(w, TriggerEvent.at(at), at, null, WatchExecutor.fixedClock(at));
                ResultPrinter.print(r, json, true, console.out());
                failed |= r.state().equals("failed");
            }
            return failed ? ExitCode.FAILED : ExitCode.OK;
        }
    }

    static boolean format(Arguments args) {
        String f = args.value("format").orElse("text");
        if (!f.equals("text") && !f.equals("json")) {
            throw CliException.usage("--format: expected text or json, got '" + f + "'");
        }
        return f.equals("json");
    }
}
