package io.mailtrail.logback;

import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testing.Secured;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ElasticsearchExtension.class)
class SecuredElasticsearchAppenderIT {

    private static void logAndExpect(ElasticsearchNode es, Consumer<ElasticsearchAppender> auth, int n) throws Exception {
        try (RestClient c = es.restClient()) {
            EsOps.installTemplate(c);
        }
        String ns = EsOps.freshNamespace();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(es.url().toString());
            a.setCaCertificate(es.caCertificate().orElseThrow().toString());
            a.setNamespace(ns);
            a.setDataset("apptest.secured");
            auth.accept(a);
        })) {
            assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
            Logger log = h.logger("app");
            for (int i = 0; i < n; i++) {
                log.atInfo().setMessage("secured").addKeyValue("count", i).log();
            }
            h.stop();
            assertThat(h.appender.getMetrics().sent()).as(h.allStatusText()).isEqualTo(n);
            try (RestClient c = es.restClient()) {
                assertThat(EsOps.count(c, "logs-apptest.secured-" + ns)).isEqualTo(n);
            }
        }
    }

    @Test
    void tlsWithTheCaFileAndBasicAuthOfTheLeastPrivilegedWriter(@Secured ElasticsearchNode es) throws Exception {
        logAndExpect(es, a -> {
            a.setUsername(es.writerUsername().orElseThrow());
            a.setPassword(es.writerPassword().orElseThrow());
        }, 50);
    }

    @Test
    void tlsWithABearerToken(@Secured ElasticsearchNode es) throws Exception {
        logAndExpect(es, a -> a.setBearerToken(es.bearerToken().orElseThrow()), 50);
    }

    @Test
    void aWrongPasswordIsAClearErrorAndTheEventsWaitInTheSpool(@Secured ElasticsearchNode es, @TempDir Path spool) throws Exception {
        try (RestClient c = es.restClient()) {
            EsOps.installTemplate(c);
        }
        String ns = EsOps.freshNamespace();
        String wrong = "wrong-" + es.writerPassword().orElseThrow();
        Consumer<ElasticsearchAppender> common = a -> {
            a.setUrl(es.url().toString());
            a.setCaCertificate(es.caCertificate().orElseThrow().toString());
            a.setNamespace(ns);
            a.setDataset("apptest.spooled");
            a.setUsername(es.writerUsername().orElseThrow());
            a.setSpoolDirectory(spool.toString());
            a.setInitialBackoffMillis(10);
            a.setMaxBackoffMillis(50);
            a.setFlushIntervalMillis(50);
        };
        int n = 30;
        try (AppenderHarness h = new AppenderHarness(common.andThen(a -> a.setPassword(wrong)))) {
            Logger log = h.logger("app");
            for (int i = 0; i < n; i++) {
                log.atInfo().setMessage("kept").addKeyValue("count", i).log();
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (h.appender.getMetrics().spooled() < n && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            h.stop();
            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(m.spooled()).isEqualTo(n);
            assertThat(m.dropped()).isZero();
            String status = h.allStatusText();
            assertThat(h.statuses(Status.ERROR)).isNotEmpty();
            assertThat(status).contains("HTTP 401").contains("username/password");
            assertThat(status).doesNotContain(wrong);
        }
        // with the right password the spooled events are delivered at the next start
        try (AppenderHarness h = new AppenderHarness(common.andThen(a -> a.setPassword(es.writerPassword().orElseThrow())))) {
            long until = System.nanoTime() + 30_000_000_000L;
            while (h.appender.getMetrics().sent() < n && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            h.stop();
            assertThat(h.appender.getMetrics().sent()).as(h.allStatusText()).isEqualTo(n);
            try (RestClient c = es.restClient()) {
                assertThat(EsOps.count(c, "logs-apptest.spooled-" + ns)).isEqualTo(n);
                assertThat(EsOps.distinct(c, "logs-apptest.spooled-" + ns, "count")).isEqualTo(n);
            }
        }
    }
}
