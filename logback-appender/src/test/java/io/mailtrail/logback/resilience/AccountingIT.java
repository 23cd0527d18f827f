package io.mailtrail.logback.resilience;

import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.testsupport.net.TcpProxy;
import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When events cannot all be kept (no spool at shutdown, a full spool), every missing event is counted: what is
 * indexed plus what is reported dropped is exactly what was logged.
 */
@ExtendWith(ElasticsearchExtension.class)
class AccountingIT {

    @Test
    void stopWithoutSpoolDuringAnOutageReportsEveryLostEvent(ElasticsearchNode es) throws Exception {
        int events = 3_000;
        try (TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            proxy.pause(PauseMode.REFUSE);
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(proxy.uri("http").toString());
                a.setDataset("resilience.lost");
                a.setNamespace(EsQueries.freshNamespace());
                a.setMaxBatchActions(100);
                a.setShutdownTimeoutMillis(500);
                a.setInitialBackoffMillis(50);
                a.setMaxBackoffMillis(200);
            })) {
                NumberedEvents.log(h.logger("app.lost"), events);
                h.stop();
                MetricsSnapshot m = h.appender.getMetrics();
                String errors = h.statuses(Status.ERROR).stream().map(Status::getMessage).collect(Collectors.joining("\n"));
                System.out.printf("[resilience] stop without spool during an outage: %s; errors:%n%s%n", m, errors);
                assertThat(m.sent()).isZero();
                assertThat(m.dropped()).isEqualTo(events);
                assertThat(errors).contains("LOST " + events + " events").contains("no spoolDirectory configured");
            }
        }
    }

    @Test
    void aFullSpoolCountsEveryEventItCannotKeep(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        FullSpool f = fillSpoolThenReplay(es, tmp);
        assertThat(f.stats.repeated()).isEmpty();
        assertThat(f.stats.docs() + f.end.dropped()).as("indexed + dropped = logged").isEqualTo(f.events);
        assertThat(f.end.dropped()).as("nothing dropped after the spool filled").isEqualTo(f.whenFull.dropped());
    }

    @Test
    void theStopStatusCountsTheLossAndSaysTheSpoolWasFull(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        FullSpool f = fillSpoolThenReplay(es, tmp);
        assertThat(f.end.dropped()).isEqualTo(f.whenFull.dropped());
        assertThat(f.stopStatus).contains("LOST " + f.end.dropped()).contains("full");
    }

    /** What {@link #fillSpoolThenReplay} saw. */
    private record FullSpool(int events, MetricsSnapshot whenFull, MetricsSnapshot end, EsQueries.SeqStats stats,
                             String stopStatus) {
    }

    /** Logs into a 1 MiB spool during an outage until it is full, then replays it with the node back and stops. */
    private static FullSpool fillSpoolThenReplay(ElasticsearchNode es, Path tmp) throws Exception {
        int events = 6_000;
        String dataset = "resilience.spoolfull";
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(dataset, ns);
        try (RestClient c = es.restClient();
             TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            EsQueries.installTemplate(c, dataset);
            proxy.pause(PauseMode.REFUSE);
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(proxy.uri("http").toString());
                a.setDataset(dataset);
                a.setNamespace(ns);
                a.setSpoolDirectory(tmp.resolve("spool").toString());
                a.setSpoolMaxBytes(1L << 20); // room for about a third of the events
                a.setMaxBatchActions(200);
                a.setFlushIntervalMillis(100);
                a.setInitialBackoffMillis(50);
                a.setMaxBackoffMillis(500);
            })) {
                NumberedEvents.log(h.logger("app.spoolfull"), events);
                assertThat(Polling.within(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                    MetricsSnapshot m = h.appender.getMetrics();
                    return m.spooled() + m.dropped() >= events;
                })).as("every event spooled or dropped; status:%n%s", h.allStatusText()).isTrue();
                MetricsSnapshot full = h.appender.getMetrics();
                assertThat(full.dropped()).as("the spool filled up").isPositive();
                assertThat(h.allStatusText()).contains("the spool is full");

                proxy.resume();
                assertThat(Polling.within(Duration.ofSeconds(60), Duration.ofMillis(300),
                        () -> EsQueries.count(c, stream) >= full.spooled())).as("the spool replayed").isTrue();
                h.stop();
                MetricsSnapshot m = h.appender.getMetrics();
                EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
                String stopStatus = h.context.getStatusManager().getCopyOfStatusList().stream()
                        .map(Status::getMessage).filter(s -> s.contains("stopped")).collect(Collectors.joining("\n"));
                System.out.printf("[resilience] full spool: %s; indexed %s; stop status: %s%n", m, stats, stopStatus);
                return new FullSpool(events, full, m, stats, stopStatus);
            }
        }
    }
}
