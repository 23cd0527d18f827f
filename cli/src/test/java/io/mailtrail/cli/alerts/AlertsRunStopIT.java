package io.mailtrail.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.cluster.RestClusterClient;
import io.mailtrail.alerts.history.Lease;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code alerts run} ends and how two of them share a cluster: a SIGTERM to a running engine (what Ctrl-C,
 * {@code kill} and systemd send) stops it cleanly and gives its lease up, so another engine takes over at once
 * rather than after the lease's time to live; and engines racing for the lease never both get it.
 */
@ExtendWith(ElasticsearchExtension.class)
class AlertsRunStopIT {

    @Test
    void aSigtermStopsTheEngineCleanlyAndHandsTheLeaseOverAtOnce(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream setupOut = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(setupOut, true, StandardCharsets.UTF_8);
        assertThat(Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString()}, new Console(print, print, Map.of())))
                .as(setupOut.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
        String namespace = "sigterm";
        Path watches = AlertsRunIT.fastWatch(dir, namespace);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.mailtrail.cli.Cli",
                "alerts", "run", "--es-url", es.url().toString(), "--watches", watches.toString(), "--namespace", namespace,
                "--smtp-host", "127.0.0.1", "--smtp-port", "25", "--smtp-security", "none", "--smtp-from", "alerts@shop.test",
                "--tick", "200ms").redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
        // read from a file: the pipe of a process that exits may be closed under a blocked reader
        java.util.function.Supplier<List<String>> output = () -> {
            try {
                return Files.readAllLines(dir.resolve("engine.log"), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return List.of("read failed: " + e);
            }
        };
        try (RestClient rest = es.restClient()) {
            ClusterClient cluster = new RestClusterClient(rest);
            Instant deadline = Instant.now().plusSeconds(60);
            while (leaseOwner(cluster, namespace) == null) {
                assertThat(engine.isAlive()).as("the engine runs: %s", output.get()).isTrue();
                assertThat(Instant.now()).as("the engine takes the lease: %s", output.get()).isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(new Lease(cluster, namespace, "engine-b", Duration.ofSeconds(30)).acquire(Instant.now()))
                    .as("a second engine does not get a held lease").isFalse();

            engine.destroy(); // SIGTERM
            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).as("the engine ends after SIGTERM: %s", output.get()).isTrue();
            // The JVM reports death by SIGTERM as 128 + 15 even when its shutdown hooks finish their work.
            assertThat(engine.exitValue()).as("exit status: %s", output.get()).isEqualTo(143);
            assertThat(output.get()).as("the engine said it stopped").contains("mailtrail alerts run: stopped");
            assertThat(output.get()).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
            assertThat(leaseOwner(cluster, namespace)).as("the lease was given up").isNull();
            assertThat(new Lease(cluster, namespace, "engine-b", Duration.ofSeconds(30)).acquire(Instant.now()))
                    .as("another engine takes over at once").isTrue();
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void enginesRacingForTheLeaseNeverBothGetIt(ElasticsearchNode es) throws Exception {
        try (RestClient rest = es.restClient()) {
            ClusterClient cluster = new RestClusterClient(rest);
            // steady state: the lease index exists (the first engine's create is in flight only once per cluster)
            cluster.request("PUT", "/" + Lease.INDEX + "/_doc/warm-up", Map.of("refresh", "true"), "{\"owner\":\"nobody\"}");
            int rounds = 20;
            int engines = 4;
            List<Integer> winnersPerRound = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String namespace = "race" + round;
                Instant now = Instant.now();
                CyclicBarrier start = new CyclicBarrier(engines);
                AtomicInteger winners = new AtomicInteger();
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (int e = 0; e < engines; e++) {
                    Lease lease = new Lease(cluster, namespace, "engine-" + e, Duration.ofSeconds(30));
                    Thread t = new Thread(() -> {
                        try {
                            start.await();
                            if (lease.acquire(now)) {
                                winners.incrementAndGet();
                            }
                        } catch (Throwable x) {
                            failures.add(x);
                        }
                    });
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join(30_000);
                }
                assertThat(failures).as("round %d", round).isEmpty();
                winnersPerRound.add(winners.get());
            }
            assertThat(winnersPerRound).as("engines holding the lease in each round").containsOnly(1);
        }
    }

    private static String leaseOwner(ClusterClient cluster, String namespace) {
        try {
            JsonNode doc = cluster.request("GET", "/" + Lease.INDEX + "/_doc/" + namespace, Map.of(), null);
            return doc.path("found").asBoolean(false) ? doc.path("_source").path("owner").asText() : null;
        } catch (ClusterException e) {
            if (e.status() == 404) {
                return null;
            }
            if (e.status() == 503) {
                return null; // the index was just created: its shard is not started yet
            }
            throw e;
        }
    }
}
