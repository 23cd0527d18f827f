package io.mailtrail.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.setup.Change;
import io.mailtrail.cli.setup.SetupContext;
import io.mailtrail.cli.setup.SetupStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code setup --watches}: PUTs the watches of watcher-rules/ into Watcher ({@code _watcher/watch/<id>}),
 * with the overrides of {@code --recipients}, {@code --kibana-url} and {@code --set}. On a cluster without
 * Watcher it says so and points to {@code mailtrail alerts run}, which runs the same watches anywhere.
 */
public final class WatchesSetupStep implements SetupStep {

    @Override
    public String title() {
        return "watches (Watcher)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.flag("watches", "also install the alert watches into Watcher (needs a paid or trial license; else use mailtrail alerts run)"),
                Option.valued("recipients", "LIST", "with --watches: comma-separated alert recipients (metadata.recipients)"),
                Option.valued("kibana-url", "URL", "with --watches: Kibana base URL for the links in alert emails"),
                Option.valued("set", "ID.KEY=VALUE[,...]", "with --watches: override watch metadata, e.g. mailtrail-success-rate.threshold=0.95"));
    }

    @Override
    public boolean enabled(Arguments arguments) {
        return arguments.flag("watches");
    }

    @Override
    public List<Change> apply(SetupContext context) {
        ClusterClient cluster = AlertsEnvironment.client(context.cluster());
        int status = context.cluster().probe("/_watcher/stats", "read the Watcher stats");
        if (status != 200) {
            context.note("this cluster has no Watcher (HTTP " + status + " from _watcher/stats: Watcher needs a paid or trial license, "
                    + "Basic has none). Run the same watches with mailtrail's own engine instead: mailtrail alerts run");
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        List<WatchSource.Source> sources = WatchSource.read(context.arguments(), problems);
        WatchSource.parse(sources, problems); // the structural check before anything is installed
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.FAILED, String.join("; ", problems));
        }
        List<Change> changes = new ArrayList<>();
        for (WatchSource.Source s : sources) {
            JsonNode installed = null;
            try {
                installed = cluster.request("GET", "/_watcher/watch/" + s.id(), Map.of(), null).path("watch");
            } catch (ClusterException e) {
                if (e.status() != 404) {
                    throw new CliException(ExitCode.FAILED, "reading watch " + s.id() + ": " + e.getMessage());
                }
            }
            Change.Status st = installed == null ? Change.Status.CREATED
                    : same(installed, s.json()) ? Change.Status.UNCHANGED : Change.Status.UPDATED;
            if (st != Change.Status.UNCHANGED && !context.dryRun()) {
                try {
                    cluster.request("PUT", "/_watcher/watch/" + s.id(), Map.of("active", "true"), Json.write(Json.model(s.json())));
                } catch (ClusterException e) {
                    throw new CliException(ExitCode.FAILED, "installing watch " + s.id() + ": " + e.getMessage());
                }
            }
            changes.add(context.report(new Change("watch", s.id(), st)));
        }
        return changes;
    }

    private static boolean same(JsonNode installed, JsonNode ours) {
        for (String key : List.of("trigger", "input", "condition", "actions", "metadata", "throttle_period")) {
            JsonNode a = installed.path(key);
            JsonNode b = ours.path(key);
            if (b.isMissingNode()) {
                continue;
            }
            // Watcher normalizes throttle periods to millis and adds defaults; compare what we set.
            if (key.equals("throttle_period") || key.equals("actions")) {
                continue;
            }
            if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }
}
