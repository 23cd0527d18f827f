package io.mailtrail.cli;

import java.util.List;

/** {@code mailtrail help [command [subcommand]]}: the command list, or one command's options (and subcommands). */
final class HelpCommand implements Command {

    static final String NAME = "help";
    private final Cli cli;

    HelpCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "show the commands, or the options of one: mailtrail help <command> [<subcommand>]";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        return run(List.of(), console);
    }

    ExitCode run(List<String> args, Console console) {
        if (args.size() > 2) {
            throw CliException.usage("help takes a command name and, for a command with subcommands, a subcommand name; got " + args);
        }
        if (args.isEmpty()) {
            console.out().println("usage: mailtrail <command> [options]");
            console.out().println();
            console.out().println("commands:");
            for (Command c : cli.commands()) {
                console.out().printf("  %-8s %s%n", c.name(), c.summary());
            }
            console.out().println();
            console.out().println("mailtrail help <command> (or mailtrail <command> --help) shows a command's options.");
            console.out().println("exit codes: 0 ok, 1 failed, 2 usage error, 3 Elasticsearch unreachable, "
                    + "4 not authorized, 5 cluster unsupported");
            return ExitCode.OK;
        }
        Command command = cli.command(args.get(0)).orElseThrow(() -> CliException.usage("unknown command '" + args.get(0) + "'"));
        String path = command.name();
        if (args.size() == 2) {
            if (!(command instanceof CommandGroup group)) {
                throw CliException.usage("'" + command.name() + "' has no subcommands; see: mailtrail help " + command.name());
            }
            command = group.subcommand(args.get(1)).orElseThrow(() -> CliException.usage("unknown subcommand '" + args.get(1)
                    + "' of '" + args.get(0) + "'; subcommands: " + String.join(", ", group.subcommands().stream().map(Command::name).toList())));
            path += " " + command.name();
        }
        console.out().println("usage: mailtrail " + path + (command instanceof CommandGroup ? " <subcommand>" : "")
                + (command.options().isEmpty() ? "" : " [options]"));
        console.out().println("  " + command.summary());
        if (command instanceof CommandGroup group) {
            console.out().println();
            console.out().println("subcommands (mailtrail help " + path + " <subcommand> shows its options):");
            int width = group.subcommands().stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (Command c : group.subcommands()) {
                console.out().printf("  %-" + width + "s  %s%n", c.name(), c.summary());
            }
        }
        if (!command.options().isEmpty()) {
            console.out().println();
            console.out().println("options:");
            int width = command.options().stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
            for (Option o : command.options()) {
                console.out().printf("  %-" + width + "s  %s%n", o.synopsis(), o.description());
            }
        }
        return ExitCode.OK;
    }
}
