package io.mailtrail.logback;

import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Overflow, loss accounting, recursion guard: against an address where nothing listens, or a local server. */
class AppenderBehaviourTest {

    private static MetricsSnapshot logWhileDown(String policy, int events) throws Exception {
        String url = LocalBulkServer.deadUrl();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(url);
            a.setQueueSize(10);
            a.setMaxBatchActions(1);
            a.setMaxInFlightRequests(1);
            a.setOverflowPolicy(policy);
            a.setMaxBlockMillis(1);
            a.setShutdownTimeoutMillis(100);
        })) {
            Logger log = h.logger("app");
            for (int i = 0; i < events; i++) {
                log.info("event {}", i);
            }
            MetricsSnapshot during = h.appender.getMetrics();
            h.stop();
            assertThat(h.statuses(Status.ERROR)).extracting(Status::getMessage).anyMatch(m -> m.contains("LOST"));
            return during;
        }
    }

    @Test
    void dropNewestCountsEveryDropAndNeverWaits() throws Exception {
        MetricsSnapshot m = logWhileDown("dropNewest", 1_000);
        assertThat(m.appended() + m.dropped()).isEqualTo(1_000);
        assertThat(m.dropped()).isGreaterThanOrEqualTo(1_000 - 13);
    }

    @Test
    void dropOldestAcceptsEveryEventAndCountsTheOnesPushedOut() throws Exception {
        MetricsSnapshot m = logWhileDown("dropOldest", 1_000);
        assertThat(m.appended()).isEqualTo(1_000);
        assertThat(m.dropped()).isGreaterThanOrEqualTo(1_000 - 13);
    }

    @Test
    void blockGivesUpAfterMaxBlockMillisAndCounts() throws Exception {
        MetricsSnapshot m = logWhileDown("block", 200);
        assertThat(m.appended() + m.dropped()).isEqualTo(200);
        assertThat(m.dropped()).isPositive();
    }

    @Test
    void withoutSpoolTheEventsLeftAtShutdownAreReportedLost() throws Exception {
        String url = LocalBulkServer.deadUrl();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(url);
            a.setShutdownTimeoutMillis(200);
            a.setFlushIntervalMillis(10);
        })) {
            for (int i = 0; i < 25; i++) {
                h.logger("app").info("lost {}", i);
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.dropped()).isEqualTo(25);
            assertThat(h.statuses(Status.ERROR)).extracting(Status::getMessage)
                    .anyMatch(s -> s.contains("LOST 25 events") && s.contains("shutdownTimeoutMillis=200"));
            assertThat(h.allStatusText()).contains("cannot reach Elasticsearch");
        }
    }

    @Test
    void withASpoolTheEventsLeftAtShutdownGoToDisk(@TempDir Path spool) throws Exception {
        String url = LocalBulkServer.deadUrl();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(url);
            a.setShutdownTimeoutMillis(200);
            a.setSpoolDirectory(spool.toString());
        })) {
            for (int i = 0; i < 25; i++) {
                h.logger("app").info("kept {}", i);
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.dropped()).isZero();
            assertThat(m.spooled()).isEqualTo(25);
            try (io.mailtrail.logback.spool.DiskSpool s = io.mailtrail.logback.spool.DiskSpool.open(spool, 1 << 30, 1 << 20)) {
                assertThat(s.pendingRecords()).isEqualTo(25);
                String first = new String(s.peek(1, 1 << 20).get(0).payload(), StandardCharsets.UTF_8);
                assertThat(first).startsWith("{\"create\":{\"_index\":\"logs-generic-default\",\"_id\":\"").contains("kept 0");
            }
        }
    }

    @Test
    void withASpoolABurstBeyondTheQueueIsKeptNotDropped(@TempDir Path spool) throws Exception {
        int threads = 4;
        int perThread = 5_000;
        try (LocalBulkServer slow = new LocalBulkServer(20);
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setUrl(slow.url());
                 a.setQueueSize(500);
                 a.setMaxBatchActions(100);
                 a.setMaxInFlightRequests(1);
                 a.setSpoolDirectory(spool.toString());
                 // no overflowPolicy: with a spool the default is block; a long bound keeps a loaded machine from dropping
                 a.setMaxBlockMillis(30_000);
                 a.setShutdownTimeoutMillis(30_000);
             })) {
            Logger log = h.logger("app");
            java.util.List<Thread> callers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                Thread caller = new Thread(() -> {
                    for (int i = first; i < first + perThread; i++) {
                        log.info("burst {}", i);
                    }
                });
                callers.add(caller);
                caller.start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (h.appender.getMetrics().sent() < threads * perThread && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.dropped()).isZero();
            assertThat(m.appended()).isEqualTo(threads * perThread);
            assertThat(m.spooled()).as("the queue overflowed into the spool, not into the drop counter").isPositive();
            assertThat(m.sent()).isEqualTo(threads * perThread);
            java.util.Set<String> delivered = new java.util.HashSet<>();
            java.util.regex.Matcher burst = java.util.regex.Pattern.compile("burst (\\d+)")
                    .matcher(String.join("\n", slow.bodies));
            while (burst.find()) {
                delivered.add(burst.group(1));
            }
            assertThat(delivered).hasSize(threads * perThread);
        }
    }

    @Test
    void eventsOfTheAppendersOwnStackAreNeverShipped() throws Exception {
        try (LocalBulkServer server = new LocalBulkServer();
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setUrl(server.url());
                 a.setFlushIntervalMillis(20);
             })) {
            Thread own = io.mailtrail.logback.ship.AppenderThread.factory("test").newThread(
                    () -> h.logger("app").info("from an appender thread"));
            own.start();
            own.join();
            h.logger("org.apache.http.wire").info("wire");
            h.logger("org.elasticsearch.client.RestClient").info("client");
            h.logger("io.mailtrail.logback.ship.Shipper").info("self");
            h.logger("app").info("shipped");
            h.stop();
            assertThat(h.appender.getMetrics().appended()).isEqualTo(1);
            assertThat(h.appender.getMetrics().sent()).isEqualTo(1);
            assertThat(server.bodies).hasSize(1);
        }
    }
}
