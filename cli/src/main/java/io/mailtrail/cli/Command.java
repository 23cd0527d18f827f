package io.mailtrail.cli;

import java.util.List;

/** One {@code mailtrail <command>}. Implementations are stateless; {@link Cli} dispatches to them by name. */
public interface Command {

    /** The word that selects the command, e.g. {@code setup}. */
    String name();

    /** One line for the command list in {@code mailtrail help}. */
    String summary();

    /** The options the command accepts, for help and for parsing. */
    List<Option> options();

    /**
     * Runs the command.
     *
     * @throws CliException for anything the user can act on
     */
    ExitCode run(Arguments arguments, Console console);
}
