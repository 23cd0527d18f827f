package io.mailtrail.cli.alerts;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.CommandGroup;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;

import java.util.List;

/** {@code mailtrail alerts <check|backtest|run|conformance>}: the watches of watcher-rules/, run by mailtrail on any license. */
public final class AlertsCommand implements CommandGroup {

    private final List<Command> subcommands = List.of(new CheckCommand(), new BacktestCommand(), new RunCommand(), new ConformanceCommand());

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public String summary() {
        return "run the alert watches without Watcher: alerts check | backtest | run | conformance (mailtrail help alerts)";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public List<Command> subcommands() {
        return subcommands;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        console.out().println("usage: mailtrail alerts <subcommand> [options]");
        for (Command c : subcommands) {
            console.out().println();
            console.out().printf("  alerts %s: %s%n", c.name(), c.summary());
            int width = c.options().stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
            for (Option o : c.options()) {
                console.out().printf("    %-" + width + "s  %s%n", o.synopsis(), o.description());
            }
        }
        return ExitCode.OK;
    }
}
