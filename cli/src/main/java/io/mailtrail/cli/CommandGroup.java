package io.mailtrail.cli;

import java.util.List;
import java.util.Optional;

/**
 * A command with subcommands ({@code mailtrail alerts check ...}): {@link Cli} hands the words after the
 * group's name to the subcommand named first. Run without a subcommand, the group itself runs (usually help).
 */
public interface CommandGroup extends Command {

    /** The subcommands, in help order. */
    List<Command> subcommands();

    default Optional<Command> subcommand(String name) {
        return subcommands().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
