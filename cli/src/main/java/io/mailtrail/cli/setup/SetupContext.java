package io.mailtrail.cli.setup;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.elasticsearch.Cluster;

/**
 * What every {@link SetupStep} works with.
 *
 * @param cluster   the Elasticsearch connection
 * @param namespace the data stream namespace events will be written to
 * @param dryRun    true: only read and report, change nothing
 * @param console   where to report
 * @param arguments the whole {@code setup} command line, for the options of each step
 */
public record SetupContext(Cluster cluster, String namespace, boolean dryRun, Console console, Arguments arguments) {

    /** Reports what happened to one asset, as it happens. */
    public Change report(Change change) {
        console.out().printf("  %-20s %-32s %s%n", change.kind(), change.name(), change.status().describe(dryRun));
        return change;
    }

    /** An informational line of the report. */
    public void note(String line) {
        console.out().println("  " + line);
    }
}
