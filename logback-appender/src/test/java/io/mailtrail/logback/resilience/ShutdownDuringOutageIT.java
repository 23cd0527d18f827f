package io.mailtrail.logback.resilience;

import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.ElasticsearchAppender;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stop()} while the cluster is unreachable: what is in memory goes to the spool, the stop status says how
 * many, and the next start with the cluster back indexes them all, once.
 */
@ExtendWith(ElasticsearchExtension.class)
class ShutdownDuringOutageIT {

    private static final String DATASET = "resilience.shutdown";

    @Test
    void stopWhileConnectionsAreRefusedSpoolsEverything(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        stopDuringOutage(es, tmp, PauseMode.REFUSE, 10_000, a -> {
        });
    }

    @Test
    void stopWhileTheClusterNeverAnswersSpoolsEverythingWithinTheShutdownTimeout(ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        long stopMillis = stopDuringOutage(es, tmp, PauseMode.HANG, 2_000, a -> a.setShutdownTimeoutMillis(2_000));
        // the socket timeout (30 s default) is far longer: stop() must not wait for it
        assertThat(stopMillis).as("stop() took, ms").isLessThan(2_000 + 5_000 + 3_000);
    }

    @Test
    void stopWhileTheClusterNeverAnswersAndBatchesWaitForSendersSpoolsEverything(ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        // 10 batches: 2 hang in the senders, 2 wait for a sender, the encoder holds the 5th when the timeout ends
        stopDuringOutage(es, tmp, PauseMode.HANG, 1_000, a -> {
            a.setShutdownTimeoutMillis(1_000);
            a.setMaxBatchActions(100);
        });
    }

    @Test
    void aFullyReplayedSpoolKeepsNoEventsOnDisk(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        Path spool = tmp.resolve("spool");
        stopDuringOutage(es, tmp, PauseMode.REFUSE, 100, a -> {
        });
        assertThat(SpoolFiles.describe(SpoolFiles.segments(spool))).isEqualTo("[]");
    }

    /** Logs {@code events}, stops during the outage, restarts with the cluster back; returns how long stop() took. */
    private long stopDuringOutage(ElasticsearchNode es, Path tmp, PauseMode mode, int events,
                                  Consumer<ElasticsearchAppender> variant) throws Exception {
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(DATASET, ns);
        String spool = tmp.resolve("spool").toString();
        try (RestClient c = es.restClient();
             TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            EsQueries.installTemplate(c, DATASET);
            proxy.pause(mode);
            long stopMillis;
            try (AppenderHarness h = new AppenderHarness(config(proxy, spool, ns).andThen(a -> {
                a.setQueueSize(16_384);
                a.setFlushIntervalMillis(60_000); // events stay in memory until stop()
                a.setMaxBatchActions(events);
                a.setWarningIntervalMillis(60_000);
                variant.accept(a);
            }))) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                NumberedEvents.log(h.logger("app.shutdown"), events);
                long t0 = System.nanoTime();
                h.stop();
                stopMillis = (System.nanoTime() - t0) / 1_000_000;
                MetricsSnapshot m = h.appender.getMetrics();
                String stopStatus = h.context.getStatusManager().getCopyOfStatusList().stream()
                        .map(Status::getMessage).filter(s -> s.contains("stopped")).collect(Collectors.joining("\n"));
                System.out.printf("[resilience] stop during %s outage took %d ms; status: %s; %s%n", mode, stopMillis,
                        stopStatus, m);
                assertThat(m.appended()).isEqualTo(events);
                assertThat(m.dropped()).as("events dropped; status:%n%s", h.allStatusText()).isZero();
                assertThat(m.spooled()).as("everything in memory went to the spool").isEqualTo(events);
                assertThat(stopStatus).as("the stop status gives the count").contains("spooled " + events)
                        .doesNotContain("LOST");
            }
            assertThat(EsQueries.count(c, stream)).isZero();

            proxy.resume();
            try (AppenderHarness h = new AppenderHarness(config(proxy, spool, ns))) {
                boolean indexed = Polling.within(Duration.ofSeconds(60), Duration.ofMillis(300),
                        () -> EsQueries.count(c, stream) >= events);
                assertThat(indexed).as("the spooled events indexed after the restart; status:%n%s", h.allStatusText())
                        .isTrue();
                h.stop();
            }
            EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
            assertThat(stats.isExactlyZeroTo(events)).as("%s holds seq 0..%d once each", stats, events - 1).isTrue();
            return stopMillis;
        }
    }

    private static Consumer<ElasticsearchAppender> config(TcpProxy proxy, String spool, String ns) {
        return a -> {
            a.setUrl(proxy.uri("http").toString());
            a.setSpoolDirectory(spool);
            a.setDataset(DATASET);
            a.setNamespace(ns);
            a.setConnectTimeoutMillis(1_000);
            a.setInitialBackoffMillis(50);
            a.setMaxBackoffMillis(1_000);
        };
    }
}
