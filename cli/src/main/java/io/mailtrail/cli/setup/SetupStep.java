package io.mailtrail.cli.setup;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Option;

import java.util.List;

/**
 * One kind of asset {@code mailtrail setup} installs: index templates today; Kibana saved objects and
 * Watcher watches later. A step compares what is installed with what it would install and changes only what
 * differs, so that running setup twice changes nothing the second time.
 */
public interface SetupStep {

    /** Heading of the step in the report, e.g. {@code index templates}. */
    String title();

    /** The {@code setup} options this step reads (e.g. {@code --kibana-url}); listed in {@code help setup}. */
    default List<Option> options() {
        return List.of();
    }

    /**
     * Whether this run of {@code setup} includes the step: a step that installs into another system (Kibana,
     * Watcher) runs only when its options ask for it, so that today's {@code setup} keeps doing what it did.
     */
    default boolean enabled(Arguments arguments) {
        return true;
    }

    /**
     * Brings the installed assets in line with the packaged ones (or, on a dry run, only finds out what that
     * would change), reporting each asset through {@link SetupContext#report} as it goes.
     *
     * @return one entry per asset, in install order
     * @throws io.mailtrail.cli.CliException when the cluster refuses or cannot be reached
     */
    List<Change> apply(SetupContext context);
}
