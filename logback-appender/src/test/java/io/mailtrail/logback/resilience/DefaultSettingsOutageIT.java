package io.mailtrail.logback.resilience;

import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.testsupport.net.TcpProxy;
import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender with its default settings (no spool, no tuning: only url, dataset and namespace) through ordinary
 * hiccups on the real node: a 20 s outage at 2 000 events/s (connections refused, or every request answered 429)
 * and a steady 5 000 events/s into a node that indexes slowly at first. Nothing is lost.
 */
@ExtendWith(ElasticsearchExtension.class)
class DefaultSettingsOutageIT {

    /** The impairment under test: where the appender connects, and how the cluster goes away and comes back. */
    private interface Impairment {
        String url();

        void begin() throws Exception;

        void end() throws Exception;
    }

    @Test
    void twentySecondsOfRefusedConnectionsAt2000PerSecondLoseNothing(ElasticsearchNode es) throws Exception {
        try (TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            run(es, "resilience.defrefuse", 2_000, Duration.ofSeconds(4), Duration.ofSeconds(20), Duration.ofSeconds(4),
                    new Impairment() {
                        public String url() { return proxy.uri("http").toString(); }
                        public void begin() throws Exception { proxy.pause(PauseMode.REFUSE); }
                        public void end() throws Exception { proxy.resume(); }
                    });
        }
    }

    @Test
    void twentySecondsOf429At2000PerSecondLoseNothing(ElasticsearchNode es) throws Exception {
        try (ImpairedFront front = new ImpairedFront(es.url())) {
            run(es, "resilience.def429", 2_000, Duration.ofSeconds(4), Duration.ofSeconds(20), Duration.ofSeconds(4),
                    new Impairment() {
                        public String url() { return front.url(); }
                        public void begin() { front.throttle(); }
                        public void end() { front.heal(); }
                    });
            assertThat(front.throttled.get()).as("requests answered 429").isPositive();
        }
    }

    @Test
    void aSlowColdNodeAt5000PerSecondLosesNothing(ElasticsearchNode es) throws Exception {
        try (ImpairedFront front = new ImpairedFront(es.url())) {
            run(es, "resilience.defcold", 5_000, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(10),
                    new Impairment() {
                        public String url() { return front.url(); }
                        public void begin() { front.slow(1_500); }
                        public void end() { front.heal(); }
                    });
            assertThat(front.slowed.get()).as("requests slowed").isPositive();
        }
    }

    /**
     * Waits until the stream holds the expected count, for as long as the node keeps indexing (the count grew in
     * the last 30 s; at most 10 min): how fast a backlog drains is the node's speed, which on a shared build
     * machine can be a few hundred events per second; what the test checks is that nothing is lost.
     */
    private static boolean caughtUp(RestClient c, String stream, long expected) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < end) {
            long n = EsQueries.count(c, stream);
            if (n >= expected) {
                return true;
            }
            if (n != last) {
                last = n;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos()) {
                return false;
            }
            Thread.sleep(1_000);
        }
        return false;
    }

    private static void run(ElasticsearchNode es, String dataset, int rate, Duration before, Duration impaired,
                            Duration after, Impairment impairment) throws Exception {
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(dataset, ns);
        try (RestClient c = es.restClient()) {
            EsQueries.installTemplate(c, dataset);
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(impairment.url());
                a.setDataset(dataset);
                a.setNamespace(ns);
            })) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                // the stream exists with its mapping before the load, as in an application running a while
                h.logger("app.defaults").info("warm-up");
                assertThat(Polling.within(Duration.ofSeconds(120), Duration.ofMillis(200),
                        () -> EsQueries.count(c, stream) >= 1)).as("warm-up event indexed").isTrue();
                PacedLoad load = new PacedLoad(h.logger("app.defaults"), 2, rate, before.plus(impaired).plus(after));
                long t0 = System.nanoTime();
                if (before.isZero()) {
                    impairment.begin();
                }
                load.start();
                if (!before.isZero()) {
                    Polling.sleepUntil(t0 + before.toNanos());
                    impairment.begin();
                }
                Polling.sleepUntil(t0 + before.plus(impaired).toNanos());
                MetricsSnapshot duringOutage = h.appender.getMetrics();
                impairment.end();
                load.await();
                long logged = load.logged();
                boolean caughtUp = caughtUp(c, stream, logged + 1);
                MetricsSnapshot beforeStop = h.appender.getMetrics();
                h.stop();
                MetricsSnapshot end = h.appender.getMetrics();
                EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
                System.out.printf("[defaults] %s: logged %d at %d/s; during impairment %s; before stop %s; end %s; %s%n",
                        dataset, logged, rate, duringOutage, beforeStop, end, stats);
                assertThat(logged).as("the load ran at about its rate")
                        .isGreaterThan((long) (rate * before.plus(impaired).plus(after).toSeconds() * 0.8));
                assertThat(duringOutage.queueDepth()).as("events waited in memory").isPositive();
                assertThat(beforeStop.dropped()).as("dropped while the load ran and the backlog drained").isZero();
                assertThat(caughtUp).as("all %d events indexed; status:%n%s", logged, h.allStatusText()).isTrue();
                assertThat(end.dropped()).as("dropped").isZero();
                assertThat(end.failed()).isZero();
                assertThat(stats.isExactlyZeroTo(logged)).as("%s holds seq 0..%d once each", stats, logged - 1).isTrue();
                assertThat(h.allStatusText()).doesNotContain("LOST");
            }
        }
    }
}
