package io.mailtrail.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.cluster.RestClusterClient;
import io.mailtrail.alerts.execution.WatchExecutor;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.throttle.Throttler;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.alerts.watch.WatchLoader;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watcher itself against mailtrail's engine, on the same data: where the node has Watcher (a Docker engine gives
 * the tests the official image with a trial license), {@code setup --watches} PUTs the packaged watches, and each
 * is run with {@code _execute} at the scenarios' check times (actions skipped, nothing recorded); Watcher's
 * {@code condition.met} must equal the engine's at every one. On a node without Watcher (the Maven Central test
 * node) the test is skipped, saying why.
 */
@ExtendWith(ElasticsearchExtension.class)
class WatcherComparisonIT {

    @Test
    void watcherAndTheEngineAgreeOnEveryScenario(ElasticsearchNode es) throws Exception {
        try (RestClient rest = es.restClient()) {
            ClusterClient cluster = new RestClusterClient(rest);
            Assumptions.assumeTrue(hasWatcher(cluster), "this node has no Watcher (" + es.url()
                    + "): the comparison runs where a Docker engine gives the tests a trial-license node");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExitCode setup = Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString(), "--watches", "--recipients", "ops@shop.test"},
                    new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
            assertThat(setup).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
            Scenarios.seedOnce(cluster);
            List<Watch> watches = WatchLoader.load(Path.of("../watcher-rules")).watches().stream().filter(w -> !w.id().endsWith("-report")).toList();
            WatchExecutor engine = new WatchExecutor(cluster, null, Throttler.DEFAULT_PERIOD, line -> { });
            List<String> differ = new ArrayList<>();
            int compared = 0;
            try {
                for (Scenarios.Scenario s : Scenarios.ALL) {
                    for (Watch w : watches) {
                        Instant first = w.schedule().nextAfter(s.onset(), s.onset()).orElseThrow();
                        Duration period = Duration.between(s.onset(), first);
                        for (Instant at : List.of(s.onset().minus(Duration.ofMinutes(10)), first, s.onset().plus(period.multipliedBy(2)))) {
                            boolean ours = AlertScenariosIT.met(engine, w, at);
                            JsonNode record = execute(cluster, w.id(), at);
                            boolean watcher = record.at("/watch_record/result/condition/met").asBoolean();
                            compared++;
                            if (ours != watcher) {
                                differ.add(s.name() + ": " + w.id() + " at " + at + ": Watcher met=" + watcher + ", engine met=" + ours
                                        + "; Watcher's condition " + record.at("/watch_record/result/condition"));
                            }
                        }
                    }
                }
            } finally {
                for (Watch w : watches) {
                    cluster.request("DELETE", "/_watcher/watch/" + w.id(), Map.of(), null);
                }
            }
            assertThat(differ).as(compared + " executions compared").isEmpty();
            assertThat(compared).isEqualTo(Scenarios.ALL.size() * watches.size() * 3);
        }
    }

    private static boolean hasWatcher(ClusterClient cluster) {
        try {
            cluster.request("GET", "/_watcher/stats", Map.of(), null);
            return true;
        } catch (ClusterException e) {
            return false;
        }
    }

    /** Watcher runs the stored watch as of {@code at}: its search, its condition; no action, no history. */
    private static JsonNode execute(ClusterClient cluster, String id, Instant at) {
        String time = DateMath.format(at);
        return cluster.request("POST", "/_watcher/watch/" + id + "/_execute", Map.of(),
                "{\"trigger_data\":{\"scheduled_time\":\"" + time + "\",\"triggered_time\":\"" + time + "\"},"
                        + "\"action_modes\":{\"_all\":\"skip\"},\"record_execution\":false}");
    }
}
