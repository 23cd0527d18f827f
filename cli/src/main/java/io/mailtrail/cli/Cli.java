package io.mailtrail.cli;

import io.mailtrail.cli.alerts.AlertsCommand;
import io.mailtrail.cli.demo.DemoCommand;
import io.mailtrail.cli.live.EventsCommand;
import io.mailtrail.cli.live.TailCommand;
import io.mailtrail.cli.live.TopCommand;
import io.mailtrail.cli.report.ReportCommand;
import io.mailtrail.cli.setup.SetupCommand;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mailtrail} command dispatcher: picks the command named by the first argument, parses its
 * options, runs it, and turns failures into a message on stderr and an {@link ExitCode}. It never throws.
 */
public final class Cli {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final HelpCommand help = new HelpCommand(this);

    /** A dispatcher knowing these commands, plus {@code help}. */
    public Cli(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
        this.commands.put(help.name(), help);
    }

    /** The commands the {@code mailtrail} executable offers. */
    public static Cli standard() {
        return new Cli(List.of(new SetupCommand(), new AlertsCommand(), new ReportCommand(), new DemoCommand(),
                new TopCommand(), new TailCommand(), new EventsCommand()));
    }

    public static void main(String[] args) {
        System.exit(standard().run(args, Console.system()).code());
    }

    /** Runs one command line; returns its exit status. */
    public ExitCode run(String[] args, Console console) {
        if (args.length == 0) {
            help.run(List.of(), console);
            return ExitCode.USAGE;
        }
        try {
            Command command = command(args[0]).orElseThrow(() -> CliException.usage(
                    "unknown command '" + args[0] + "'; commands: " + String.join(", ", commands.keySet())));
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            if (command == help) {
                return help.run(rest, console);
            }
            if (rest.contains("--help") || rest.contains("-h")) {
                // what every command line tool answers: the options of the command (and subcommand) named before it
                List<String> path = new java.util.ArrayList<>(List.of(command.name()));
                if (command instanceof CommandGroup group && !rest.isEmpty() && group.subcommand(rest.get(0)).isPresent()) {
                    path.add(rest.get(0));
                }
                return help.run(path, console);
            }
            if (command instanceof CommandGroup group && !rest.isEmpty() && group.subcommand(rest.get(0)).isPresent()) {
                Command sub = group.subcommand(rest.get(0)).get();
                return sub.run(Arguments.parse(command.name() + " " + sub.name(), rest.subList(1, rest.size()), sub.options()), console);
            }
            return command.run(Arguments.parse(command.name(), rest, command.options()), console);
        } catch (CliException e) {
            console.err().println("mailtrail: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // A bug, not a user mistake: say so, with the trace, so it can be reported.
            console.err().println("mailtrail: unexpected failure, please report it: " + e);
            e.printStackTrace(console.err());
            return ExitCode.FAILED;
        }
    }

    Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    List<Command> commands() {
        return List.copyOf(commands.values());
    }
}
