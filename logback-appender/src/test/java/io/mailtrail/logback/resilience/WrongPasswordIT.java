package io.mailtrail.logback.resilience;

import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.testsupport.net.TcpProxy;
import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testing.Secured;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the secured node (TLS, basic auth), a wrong password is one clear status error that names the problem
 * and never the password, the events wait in the spool, and an appender started with the right password on the
 * same spool indexes them all.
 */
@ExtendWith(ElasticsearchExtension.class)
class WrongPasswordIT {

    private static final String DATASET = "resilience.auth";
    private static final int EVENTS = 500;

    @Test
    void aWrongPasswordIsAClearErrorAndTheEventsWaitInTheSpool(@Secured ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(DATASET, ns);
        String spool = tmp.resolve("spool").toString();
        String user = es.writerUsername().orElseThrow();
        String wrong = "Wr0ng-" + UUID.randomUUID();
        try (RestClient c = es.restClient()) {
            EsQueries.installTemplate(c, DATASET);

            String status;
            MetricsSnapshot refused;
            try (AppenderHarness h = new AppenderHarness(secured(es, spool, ns, user, wrong))) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                NumberedEvents.log(h.logger("app.auth"), EVENTS);
                boolean spooled = Polling.within(Duration.ofSeconds(30), Duration.ofMillis(100),
                        () -> h.appender.getMetrics().spooled() >= EVENTS);
                assertThat(spooled).as("all %d events in the spool; status:%n%s", EVENTS, h.allStatusText()).isTrue();
                String errors = h.statuses(Status.ERROR).stream().map(Status::getMessage).collect(Collectors.joining("\n"));
                h.stop();
                refused = h.appender.getMetrics();
                status = h.allStatusText();
                System.out.printf("[resilience] wrong password: errors reported:%n%s%n[resilience] metrics %s%n", errors, refused);
                assertThat(errors).as("one clear error while the credentials are refused")
                        .contains("401").containsIgnoringCase("credentials").contains("password");
            }
            String basic = Base64.getEncoder().encodeToString((user + ":" + wrong).getBytes(StandardCharsets.UTF_8));
            assertThat(status).doesNotContain(wrong).doesNotContain(basic).doesNotContain("LOST");
            assertThat(refused.sent()).isZero();
            assertThat(refused.dropped()).isZero();
            assertThat(refused.failed()).as("refused credentials are no reason to discard events").isZero();
            assertThat(EsQueries.count(c, stream)).isZero();

            try (AppenderHarness h = new AppenderHarness(secured(es, spool, ns, user, es.writerPassword().orElseThrow()))) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                boolean indexed = Polling.within(Duration.ofSeconds(60), Duration.ofMillis(300),
                        () -> EsQueries.count(c, stream) >= EVENTS);
                assertThat(indexed).as("the spooled events indexed with the right password; status:%n%s",
                        h.allStatusText()).isTrue();
                h.stop();
                assertThat(h.statuses(Status.ERROR)).isEmpty();
                assertThat(h.allStatusText()).doesNotContain(es.writerPassword().orElseThrow());
            }
            EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
            assertThat(stats.isExactlyZeroTo(EVENTS)).as("%s holds seq 0..%d once each", stats, EVENTS - 1).isTrue();
        }
    }

    @Test
    void aWrongPasswordNoticedAfterAnOutageIsStillReportedAtOnce(@Secured ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        String ns = EsQueries.freshNamespace();
        try (RestClient c = es.restClient();
             TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            EsQueries.installTemplate(c, DATASET);
            proxy.pause(PauseMode.REFUSE);
            String url = proxy.uri("https").toString();
            try (AppenderHarness h = new AppenderHarness(secured(es, tmp.resolve("spool").toString(), ns,
                    es.writerUsername().orElseThrow(), "Wr0ng-" + UUID.randomUUID()).andThen(a -> a.setUrl(url)))) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                NumberedEvents.log(h.logger("app.auth"), EVENTS);
                assertThat(Polling.within(Duration.ofSeconds(20), Duration.ofMillis(50),
                        () -> h.appender.getMetrics().retried() > 0)).as("the outage was noticed").isTrue();
                assertThat(h.allStatusText()).contains("cannot reach Elasticsearch");
                proxy.resume();
                // bulkRequests counts requests that got an answer: here, the 401
                assertThat(Polling.within(Duration.ofSeconds(20), Duration.ofMillis(50),
                        () -> h.appender.getMetrics().bulkRequests() > 0)).as("the node answered").isTrue();
                Thread.sleep(500);
                String errors = h.statuses(Status.ERROR).stream().map(Status::getMessage).collect(Collectors.joining("\n"));
                System.out.printf("[resilience] wrong password after an outage: errors within 0.5 s of the 401:%n%s%n", errors);
                assertThat(errors).as("the refused credentials are reported as soon as they are refused").contains("401");
            }
        }
    }

    private static Consumer<ElasticsearchAppender> secured(ElasticsearchNode es, String spool, String ns, String user,
                                                           String password) {
        return a -> {
            a.setUrl(es.url().toString());
            a.setCaCertificate(es.caCertificate().orElseThrow().toString());
            a.setUsername(user);
            a.setPassword(password);
            a.setSpoolDirectory(spool);
            a.setDataset(DATASET);
            a.setNamespace(ns);
            a.setFlushIntervalMillis(200);
            a.setInitialBackoffMillis(50);
            a.setMaxBackoffMillis(500);
            a.setWarningIntervalMillis(60_000); // the default: the first report must still come out at once
        };
    }
}
