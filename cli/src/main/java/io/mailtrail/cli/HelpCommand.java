package io.mailtrail.cli;

import java.util.List;

/** {@code mailtrail help [command]}: the command list, or one command's options. */
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
        return "show the commands, or the options of one: mailtrail help <command>";
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
        if (args.size() > 1) {
            throw CliException.usage("help takes at most one command name, got " + args);
        }
        if (args.isEmpty()) {
            console.out().println("usage: mailtrail <command> [options]");
            console.out().println();
            console.out().println("commands:");
            for (Command c : cli.commands()) {
                console.out().printf("  %-8s %s%n", c.name(), c.summary());
            }
            console.out().println();
            console.out().println("exit codes: 0 ok, 1 failed, 2 usage error, 3 Elasticsearch unreachable, "
                    + "4 not authorized, 5 cluster unsupported");
            return ExitCode.OK;
        }
        Command command = cli.command(args.get(0)).orElseThrow(() -> CliException.usage("unknown command '" + args.get(0) + "'"));
        console.out().println("usage: mailtrail " + command.name() + (command.options().isEmpty() ? "" : " [options]"));
        console.out().println("  " + command.summary());
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
