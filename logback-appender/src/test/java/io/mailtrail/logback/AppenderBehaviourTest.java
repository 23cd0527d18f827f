package io.mailtrail.logback;

import ch.qos.logback.core.status.Status;
import com.sun.net.httpserver.HttpServer;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Overflow, loss accounting, recursion guard: against an address where nothing listens, or a local server. */
class AppenderBehaviourTest {

    /** A loopback port nobody listens on (connections are refused at once). */
    private static String deadUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private static MetricsSnapshot logWhileDown(String policy, int events) throws Exception {
        String url = deadUrl();
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
        String url = deadUrl();
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
        String url = deadUrl();
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
    void eventsOfTheAppendersOwnStackAreNeverShipped() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            long items = new String(body, StandardCharsets.UTF_8).lines().count() / 2;
            StringBuilder answer = new StringBuilder("{\"errors\":false,\"items\":[");
            for (int i = 0; i < items; i++) {
                answer.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":201}}");
            }
            byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl("http://127.0.0.1:" + server.getAddress().getPort());
            a.setFlushIntervalMillis(20);
        })) {
            h.logger("org.apache.http.wire").info("wire");
            h.logger("org.elasticsearch.client.RestClient").info("client");
            h.logger("io.mailtrail.logback.ship.Shipper").info("self");
            h.logger("app").info("shipped");
            h.stop();
            assertThat(h.appender.getMetrics().appended()).isEqualTo(1);
            assertThat(h.appender.getMetrics().sent()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }
}
