package io.mailtrail.cli.setup;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.cli.elasticsearch.Version;
import io.mailtrail.cli.setup.templates.IndexTemplatesStep;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code mailtrail setup}: installs what mailtrail needs in the Elastic stack, step by step. */
public final class SetupCommand implements Command {

    private final List<SetupStep> steps;

    /** The standard steps. */
    public SetupCommand() {
        this(List.of(new IndexTemplatesStep(), new io.mailtrail.cli.alerts.WatchesSetupStep()));
    }

    public SetupCommand(List<SetupStep> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String summary() {
        return "install the index templates and lifecycle policies (idempotent; --dry-run shows what would change)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ConnectionOptions.OPTIONS);
        options.add(Option.valued("namespace", "NAME", "data stream namespace the application writes to, e.g. production (default "
                + Dataset.DEFAULT_NAMESPACE + ")"));
        options.add(Option.flag("dry-run", "connect and compare, but change nothing: print what would be created or updated"));
        steps.forEach(step -> options.addAll(step.options()));
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConnectionOptions connection = ConnectionOptions.from(arguments, console);
        String namespace = arguments.value("namespace").orElse(Dataset.DEFAULT_NAMESPACE);
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--namespace: " + e.getMessage());
        }
        boolean dryRun = arguments.flag("dry-run");
        try (Cluster cluster = Cluster.connect(connection)) {
            Optional<Version> version = cluster.requireSupportedVersion();
            console.out().println("mailtrail setup" + (dryRun ? " (dry run: nothing is changed)" : "") + ": Elasticsearch "
                    + version.map(Version::toString).orElse("(version not readable by this user)") + " at " + connection.url()
                    + connection.username().map(u -> " as " + u).orElse(""));
            SetupContext context = new SetupContext(cluster, namespace, dryRun, console, arguments);
            Map<Change.Status, Integer> totals = new TreeMap<>();
            for (SetupStep step : steps) {
                if (!step.enabled(arguments)) {
                    continue;
                }
                console.out().println(step.title() + ":");
                for (Change change : step.apply(context)) {
                    totals.merge(change.status(), 1, Integer::sum);
                }
            }
            console.out().println((dryRun ? "dry run done: " : "done: ") + summary(totals, dryRun));
            return ExitCode.OK;
        }
    }

    private static String summary(Map<Change.Status, Integer> totals, boolean dryRun) {
        List<String> parts = new ArrayList<>();
        for (Change.Status s : Change.Status.values()) {
            parts.add(totals.getOrDefault(s, 0) + " " + s.describe(dryRun));
        }
        return String.join(", ", parts);
    }
}
