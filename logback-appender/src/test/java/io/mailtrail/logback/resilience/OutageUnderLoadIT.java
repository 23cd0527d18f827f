package io.mailtrail.logback.resilience;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster becomes unreachable for 20 s while two threads log 2 000 events/s: a TCP proxy between appender and
 * node refuses every connection (REFUSE) or accepts and never answers (HANG). Afterwards every event is indexed
 * exactly once, nothing was dropped, and no logging call waited.
 */
@ExtendWith(ElasticsearchExtension.class)
class OutageUnderLoadIT {

    private static final int THREADS = 2;
    private static final int EVENTS_PER_SECOND = 2_000;
    /** dropNewest never waits; this bounds scheduling and GC pauses on a busy 2-core machine, not speed. */
    private static final double MAX_CALL_MILLIS = 500;

    @Test
    void refusedConnectionsFor20sWithSpoolLoseNothing(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        Outcome o = run(es, "resilience.refusespool", PauseMode.REFUSE, Duration.ofMillis(7_500), Duration.ofSeconds(20),
                Duration.ofMillis(7_500), a -> a.setSpoolDirectory(tmp.resolve("spool").toString()));
        assertThat(o.duringOutage.spooled()).as("events went to the spool during the outage").isPositive();
        assertThat(o.end.spooled()).isGreaterThanOrEqualTo(o.duringOutage.spooled());
    }

    @Test
    void refusedConnectionsFor20sInMemoryLoseNothing(ElasticsearchNode es) throws Exception {
        Outcome o = run(es, "resilience.refusememory", PauseMode.REFUSE, Duration.ofMillis(7_500), Duration.ofSeconds(20),
                Duration.ofMillis(7_500), a -> a.setQueueSize(80_000));
        assertThat(o.duringOutage.queueDepth()).as("events waited in memory during the outage").isGreaterThan(20_000);
        assertThat(o.end.spooled()).isZero();
    }

    @Test
    void aClusterThatAcceptsButNeverAnswersFor10sWithSpoolLosesNothing(ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        Outcome o = run(es, "resilience.hangspool", PauseMode.HANG, Duration.ofSeconds(4), Duration.ofSeconds(10),
                Duration.ofSeconds(4), a -> {
                    a.setSpoolDirectory(tmp.resolve("spool").toString());
                    a.setSocketTimeoutMillis(2_000);
                });
        assertThat(o.heldConnections).as("requests ran into the black hole").isPositive();
        assertThat(o.end.retried()).as("timed-out requests were retried").isPositive();
        assertThat(o.duringOutage.spooled()).as("timed-out batches went to the spool").isPositive();
    }

    @Test
    void aQueueTooSmallForTheOutageBlocksAtMostMaxBlockMillisAndCountsEveryDrop(ElasticsearchNode es) throws Exception {
        Outcome o = run(es, "resilience.block", PauseMode.REFUSE, Duration.ofSeconds(3), Duration.ofSeconds(8),
                Duration.ofSeconds(3), a -> {
                    a.setQueueSize(4_000);
                    a.setOverflowPolicy("block");
                    a.setMaxBlockMillis(50);
                }, false, 50 + MAX_CALL_MILLIS);
        assertThat(o.end.dropped()).as("the outage overflowed the queue").isPositive();
    }

    /** Metrics at the end of the outage and after stop, and what the proxy held. */
    private record Outcome(MetricsSnapshot duringOutage, MetricsSnapshot end, int heldConnections) {
    }

    private Outcome run(ElasticsearchNode es, String dataset, PauseMode mode, Duration before, Duration outage,
                        Duration after, Consumer<ElasticsearchAppender> variant) throws Exception {
        return run(es, dataset, mode, before, outage, after, variant, true, MAX_CALL_MILLIS);
    }

    /**
     * @param lossless      true: assert every event is indexed once; false: assert every event is indexed once or
     *                      counted as dropped, never both
     * @param maxCallMillis bound of the longest logging call
     */
    private Outcome run(ElasticsearchNode es, String dataset, PauseMode mode, Duration before, Duration outage,
                        Duration after, Consumer<ElasticsearchAppender> variant, boolean lossless, double maxCallMillis)
            throws Exception {
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(dataset, ns);
        try (RestClient c = es.restClient();
             TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            EsQueries.installTemplate(c, dataset);
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(proxy.uri("http").toString());
                a.setDataset(dataset);
                a.setNamespace(ns);
                a.setMaxBatchActions(500);
                a.setFlushIntervalMillis(200);
                a.setConnectTimeoutMillis(1_000);
                a.setSocketTimeoutMillis(10_000);
                a.setInitialBackoffMillis(50);
                a.setMaxBackoffMillis(1_000);
                variant.accept(a);
            })) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                PacedLoad load = new PacedLoad(h.logger("app.resilience"), THREADS, EVENTS_PER_SECOND,
                        before.plus(outage).plus(after));
                long t0 = System.nanoTime();
                load.start();
                Polling.sleepUntil(t0 + before.toNanos());
                proxy.pause(mode);
                long indexedAtPause = EsQueries.count(c, stream);
                Polling.sleepUntil(t0 + before.plus(outage).toNanos());
                MetricsSnapshot duringOutage = h.appender.getMetrics();
                int held = proxy.heldConnections();
                long indexedAtResume = EsQueries.count(c, stream);
                proxy.resume();
                load.await();
                long logged = load.logged();
                long loadEnd = System.nanoTime();

                boolean caughtUp = Polling.within(Duration.ofSeconds(60), Duration.ofMillis(500),
                        () -> EsQueries.count(c, stream) >= logged - h.appender.getMetrics().dropped());
                double catchUpSeconds = (System.nanoTime() - loadEnd) / 1e9;
                h.stop();
                MetricsSnapshot end = h.appender.getMetrics();
                EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
                System.out.printf("[resilience] %s %s outage: logged %d, indexed at pause %d, at resume %d (+%d), "
                                + "after %.1f s %d; max logging call %.1f ms; during outage %s; end %s; proxy held %d%n",
                        dataset, mode, logged, indexedAtPause, indexedAtResume, indexedAtResume - indexedAtPause,
                        catchUpSeconds, stats.docs(), load.maxCallMillis(), duringOutage, end, held);

                assertThat(logged).as("the load ran at about its rate")
                        .isGreaterThan((long) (EVENTS_PER_SECOND * before.plus(outage).plus(after).toSeconds() * 0.8));
                assertThat(indexedAtResume - indexedAtPause).as("nothing reached the node while the proxy was paused")
                        .isLessThan(logged / 10);
                assertThat(caughtUp).as("all %d events indexed within 60 s after the load; status:%n%s", logged,
                        h.allStatusText()).isTrue();
                assertThat(EsQueries.shards(c, stream)).isEqualTo(1);
                assertThat(stats.repeated()).as("seq values indexed twice").isEmpty();
                assertThat(end.failed()).isZero();
                assertThat(h.allStatusText()).doesNotContain("LOST");
                assertThat(load.maxCallMillis()).as("longest logging call, ms").isLessThan(maxCallMillis);
                if (lossless) {
                    assertThat(stats.isExactlyZeroTo(logged)).as("%s holds seq 0..%d once each", stats, logged - 1).isTrue();
                    assertThat(end.appended()).isEqualTo(logged);
                    assertThat(end.dropped()).isZero();
                } else {
                    assertThat(end.appended() + end.dropped()).as("every event is accepted or counted as dropped")
                            .isEqualTo(logged);
                    assertThat(stats.docs()).as("every accepted event is indexed: reported = actual")
                            .isEqualTo(end.appended());
                }
                return new Outcome(duringOutage, end, held);
            }
        }
    }
}
