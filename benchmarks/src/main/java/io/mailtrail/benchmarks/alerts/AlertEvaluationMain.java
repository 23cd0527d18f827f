package io.mailtrail.benchmarks.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.benchmarks.support.CallEventLoader;
import io.mailtrail.benchmarks.support.Cluster;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.Settings;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the alert engine adds to what the cluster spends: bulk-loads N call events (default 1 000 000,
 * {@code -Dmailtrail.bench.alertEvents}) over the 7 days before an instant, then evaluates every packaged watch
 * once as of that instant with {@code mailtrail alerts check --format json}, 5 times, each a minute earlier so
 * that no answer comes from the request cache. Each result line carries the cluster's {@code took} of the
 * watch's search and the engine's own time (mustache, date math, condition, transform, rendering the email).
 * The ratio of the two sums is the figure; the wall time of the whole command is shown beside it. Asserts
 * nothing about time.
 */
public final class AlertEvaluationMain {

    private static final String NAMESPACE = "alertbench";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int events = Settings.intValue("alertEvents", 1_000_000);
        Instant at = Instant.parse("2026-11-30T00:00:00Z");
        Results results = new Results("alerts");
        try (Cluster cluster = Cluster.start()) {
            cluster.installMailtrailTemplates();
            try (RestClient client = RestClient.builder(HttpHost.create(cluster.url()))
                    .setRequestConfigCallback(r -> r.setConnectTimeout(30_000).setSocketTimeout(600_000)).build()) {
                long loadStart = System.nanoTime();
                CallEventLoader.load(client, NAMESPACE, events, at.minus(Duration.ofDays(7)), at);
                results.info("events loaded", events + " in " + Results.f1((System.nanoTime() - loadStart) / 1e9) + " s");
            }
            List<Double> engine = new ArrayList<>();
            List<Double> took = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                Instant asOf = at.minus(Duration.ofMinutes(run));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                long t0 = System.nanoTime();
                ExitCode code = Cli.standard().run(new String[]{"alerts", "check", "--es-url", cluster.url(), "--at", asOf.toString(),
                        "--format", "json"}, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
                double wallMs = (System.nanoTime() - t0) / 1e6;
                if (code != ExitCode.OK) {
                    throw new IllegalStateException("alerts check failed (" + code + "): " + err.toString(StandardCharsets.UTF_8) + out);
                }
                double engineMs = 0;
                double tookMs = 0;
                int watches = 0;
                StringBuilder fired = new StringBuilder();
                for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode r = JSON.readTree(line);
                    watches++;
                    engineMs += r.path("engine_ms").asDouble();
                    tookMs += Math.max(0, r.path("search_took_ms").asLong());
                    if (r.path("met").asBoolean()) {
                        fired.append(fired.isEmpty() ? "" : ", ").append(r.path("watch").asText());
                    }
                }
                engine.add(engineMs);
                took.add(tookMs);
                wall.add(wallMs);
                System.out.printf("run %d as of %s: %d watches, cluster took %.0f ms, engine %.1f ms, wall %.0f ms; met: %s%n",
                        run + 1, asOf, watches, tookMs, engineMs, wallMs, fired.isEmpty() ? "none" : fired);
            }
            double engineMedian = median(engine);
            double tookMedian = median(took);
            results.info("all watches once: cluster took, sum over the watches (median of 5, ms)", Results.f1(tookMedian));
            results.info("all watches once: engine's own time, sum (median of 5, ms)", Results.f1(engineMedian));
            results.row("engine time / cluster took", Results.f2(engineMedian / tookMedian), "< 0.10 (issue 14)", engineMedian / tookMedian < 0.10);
            results.info("alerts check wall time, connection and JVM warm-up included (median of 5, ms)", Results.f1(median(wall)));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
