package io.mailtrail.logback;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mailtrail.logback.TestEvents.strict;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchAppenderIT {

    @BeforeAll
    static void template(ElasticsearchNode es) throws Exception {
        try (RestClient c = es.restClient()) {
            EsOps.installTemplate(c);
        }
    }

    @Test
    void eventsFromSeveralThreadsAreIndexedExactlyOnceWithTheirMappedTypes(ElasticsearchNode es) throws Exception {
        String ns = EsOps.freshNamespace();
        int threads = 4;
        int perThread = 2_500;
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(es.url().toString());
            a.setNamespace(ns);
            a.setDataset("apptest.other");
            a.setQueueSize(4_096);
            a.setOverflowPolicy("block");
            a.setMaxBlockMillis(60_000);
            a.setMaxBatchActions(500);
        })) {
            assertThat(h.appender.isStarted()).isTrue();
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(h.appender.getObjectName())).isTrue();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                workers.add(new Thread(() -> {
                    Logger log = h.logger("app.worker");
                    for (int i = 0; i < perThread; i++) {
                        log.atInfo().setMessage("event {}").addArgument(base + i)
                                .addKeyValue("data_stream.dataset", "apptest.threads")
                                .addKeyValue("count", base + i)
                                .addKeyValue("flag", i % 2 == 0)
                                .log();
                    }
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            // an event without data_stream.dataset goes to the default data stream
            h.logger("app.other").info("not routed");
            ObjectName name = h.appender.getObjectName();
            h.stop();
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();

            MetricsSnapshot m = h.appender.getMetrics();
            int n = threads * perThread;
            assertThat(m.appended()).isEqualTo(n + 1);
            assertThat(m.sent()).isEqualTo(n + 1);
            assertThat(m.dropped()).isZero();
            assertThat(m.failed()).isZero();
            assertThat(m.bulkRequests()).isPositive();

            try (RestClient c = es.restClient()) {
                String stream = "logs-apptest.threads-" + ns;
                assertThat(EsOps.count(c, stream)).isEqualTo(n);
                assertThat(EsOps.distinct(c, stream, "count")).isEqualTo(n);
                assertThat(EsOps.distinct(c, stream, "event.id")).isEqualTo(n);
                assertThat(EsOps.count(c, "logs-apptest.other-" + ns)).isEqualTo(1);

                JsonNode mapping = EsOps.get(c, "/" + stream + "/_mapping");
                JsonNode props = mapping.elements().next().get("mappings").get("properties");
                assertThat(props.get("@timestamp").get("type").asText()).isEqualTo("date");
                assertThat(props.get("count").get("type").asText()).isEqualTo("long");
                assertThat(props.get("flag").get("type").asText()).isEqualTo("boolean");
                assertThat(props.get("message").get("type").asText()).isEqualTo("text");
                assertThat(props.get("event").get("properties").get("id").get("type").asText()).isEqualTo("keyword");

                JsonNode hit = EsOps.post(c, "/" + stream + "/_search", "{\"size\":1,\"query\":{\"term\":{\"count\":7}}}")
                        .get("hits").get("hits").get(0);
                JsonNode source = hit.get("_source");
                assertThat(hit.get("_id").asText()).isEqualTo(source.get("event.id").asText());
                assertThat(source.get("message").asText()).isEqualTo("event 7");
                assertThat(source.get("data_stream.dataset").asText()).isEqualTo("apptest.threads");
                assertThat(source.get("data_stream.namespace").asText()).isEqualTo(ns);
                assertThat(source.get("data_stream.type").asText()).isEqualTo("logs");
                assertThat(source.get("log.logger").asText()).isEqualTo("app.worker");
            }
        }
    }

    @Test
    void stopRightAfterLogging10000EventsDeliversAll(ElasticsearchNode es) throws Exception {
        String ns = EsOps.freshNamespace();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(es.url().toString());
            a.setNamespace(ns);
            a.setDataset("apptest.shutdown");
            a.setGzip(true);
            a.setQueueSize(16_384);
            a.setFlushIntervalMillis(60_000); // only count, bytes and stop() may flush
        })) {
            Logger log = h.logger("app");
            for (int i = 0; i < 10_000; i++) {
                log.atInfo().setMessage("shutdown test").addKeyValue("count", i).log();
            }
            h.stop();
            assertThat(h.appender.getMetrics().dropped()).isZero();
            assertThat(h.statuses(ch.qos.logback.core.status.Status.ERROR)).isEmpty();
            try (RestClient c = es.restClient()) {
                assertThat(EsOps.count(c, "logs-apptest.shutdown-" + ns)).isEqualTo(10_000);
            }
        }
    }

    @Test
    void aMappingConflictIsDeadLetteredAndTheOthersIndexed(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        String ns = EsOps.freshNamespace();
        Path deadLetters = tmp.resolve("dead/letters.ndjson");
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(es.url().toString());
            a.setNamespace(ns);
            a.setDataset("apptest.conflict");
            a.setDeadLetterFile(deadLetters.toString());
            a.setMaxBatchActions(10);
        })) {
            Logger log = h.logger("app");
            for (int i = 0; i < 5; i++) {
                log.atInfo().setMessage("item " + i).addKeyValue("count", i == 2 ? "not-a-number" : i).log();
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.sent()).isEqualTo(4);
            assertThat(m.failed()).isEqualTo(1);
            assertThat(m.deadLettered()).isEqualTo(1);
            try (RestClient c = es.restClient()) {
                assertThat(EsOps.count(c, "logs-apptest.conflict-" + ns)).isEqualTo(4);
            }
            List<String> lines = Files.readAllLines(deadLetters);
            assertThat(lines).hasSize(1);
            JsonNode letter = strict(lines.get(0));
            assertThat(letter.get("status").asInt()).isEqualTo(400);
            assertThat(letter.get("error").get("type").asText()).contains("exception");
            assertThat(letter.get("document").get("count").asText()).isEqualTo("not-a-number");
            assertThat(letter.get("action").get("create").get("_index").asText()).isEqualTo("logs-apptest.conflict-" + ns);
            assertThat(h.allStatusText()).contains("rejected an event for good");
        }
    }

    @Test
    void badInputNeverReachesTheCallerAndEveryEventIsIndexedOrCounted(ElasticsearchNode es) throws Exception {
        String ns = EsOps.freshNamespace();
        String deadHost;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadHost = "http://127.0.0.1:" + s.getLocalPort();
        }
        String urls = deadHost + "," + es.url(); // the low-level client fails over to the live host
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(urls);
            a.setNamespace(ns);
            a.setDataset("apptest.fuzz");
            a.setMaxMessageChars(10_000);
            a.setOverflowPolicy("block");
            a.setMaxBlockMillis(30_000);
        })) {
            Logger log = h.logger("app.fuzz");
            List<Runnable> bad = new ArrayList<>();
            bad.add(() -> log.info(null));
            bad.add(() -> log.info("x".repeat(1_000_000)));
            bad.add(() -> log.info("lone \uD800 high and \uDC00 low"));
            bad.add(() -> log.info("controls \u0000\u0001\u001B\u007F\b\f\r\n\t end"));
            bad.add(() -> log.info("args {} {}", null, new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException("toString fails");
                }
            }));
            bad.add(() -> {
                for (int i = 0; i < 300; i++) {
                    MDC.put("mdc.key" + i, "v\uD800" + i);
                }
                log.info("deep mdc");
                MDC.clear();
            });
            bad.add(() -> {
                Map<String, Object> nested = new LinkedHashMap<>();
                Map<String, Object> cur = nested;
                for (int i = 0; i < 50; i++) {
                    Map<String, Object> next = new LinkedHashMap<>();
                    cur.put("n", next);
                    cur = next;
                }
                Map<String, Object> cycle = new LinkedHashMap<>();
                cycle.put("self", cycle);
                log.atInfo().setMessage("odd kv")
                        .addKeyValue("kv.null", (Object) null)
                        .addKeyValue("kv.nan", Double.POSITIVE_INFINITY)
                        .addKeyValue("kv.nested", nested)
                        .addKeyValue("kv.cycle", cycle)
                        .addKeyValue("kv.bytes", new byte[]{1, 2, 3})
                        .addKeyValue("kv.surrogate\uDBFF", "\uDFFF")
                        .addKeyValue("kv.thrower", new Object() {
                            @Override
                            public String toString() {
                                throw new UnsupportedOperationException();
                            }
                        })
                        .log();
            });
            bad.add(() -> log.error("with a throwable", new RuntimeException("boom \uD800", new Error(null, null))));
            bad.add(() -> log.atInfo().setMessage("message as kv").addKeyValue("message", 42).addKeyValue("@timestamp", "not a date").log());

            for (Runnable r : bad) {
                r.run(); // an exception here fails the test
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.appended()).isEqualTo(bad.size());
            try (RestClient c = es.restClient()) {
                long indexed = EsOps.count(c, "logs-apptest.fuzz-" + ns);
                assertThat(indexed + m.failed() + m.dropped()).isEqualTo(bad.size());
                assertThat(indexed).isGreaterThanOrEqualTo(bad.size() - 2);
                JsonNode big = EsOps.post(c, "/logs-apptest.fuzz-" + ns + "/_search",
                        "{\"size\":1,\"query\":{\"term\":{\"tags\":\"message_truncated\"}}}").get("hits").get("hits");
                assertThat(big.get(0).get("_source").get("message").asText()).hasSize(10_000);
            }
        }
    }
}
