package io.mailtrail.logback.resilience;

import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.spool.DiskSpool;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM logs through an appender whose cluster is unreachable (a paused proxy), so its events go to the
 * spool, and is killed with SIGKILL mid-stream. A second child, with the cluster back, replays the spool and is
 * killed mid-replay too. An appender started here on the same spool then indexes every event that reached the spool,
 * none twice, and leaves nothing pending.
 */
@ExtendWith(ElasticsearchExtension.class)
class SigkillIT {

    private static final String DATASET = "resilience.sigkill";
    private static final long COUNT = 200_000; // 40 s at the child's rate: it is killed long before the end
    private static final long KILL_AFTER_SPOOLED = 10_000;
    private static final long REPLAYED_BEFORE_KILL = 1_000;

    @Test
    void everyEventTheKilledChildReportedSpooledIsIndexedOnceAfterRestart(ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        String ns = EsQueries.freshNamespace();
        String stream = EsQueries.stream(DATASET, ns);
        Path spoolDir = tmp.resolve("spool");
        try (RestClient c = es.restClient();
             TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            EsQueries.installTemplate(c, DATASET);
            proxy.pause(PauseMode.REFUSE);

            Report last;
            try (ChildProcess child = ChildProcess.start(SpoolingChild.class, proxy.uri("http").toString(),
                    spoolDir.toString(), DATASET, ns, Long.toString(COUNT))) {
                boolean enough = Polling.within(Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> !child.isAlive() || Report.last(child.lines()).spooled() >= KILL_AFTER_SPOOLED);
                assertThat(enough && child.isAlive()).as("child spooled %d events; it printed %s", KILL_AFTER_SPOOLED,
                        child.lines()).isTrue();
                child.kill();
                last = Report.last(child.lines());
            }
            System.out.printf("[resilience] sigkill: the child's last report before the kill: %s%n", last);
            assertThat(last.logged()).as("killed mid-stream").isLessThan(COUNT);
            assertThat(last.dropped()).isZero();

            long onDisk;
            try (DiskSpool spool = DiskSpool.open(spoolDir, 1L << 30, 16L << 20)) {
                onDisk = spool.pendingRecords();
                System.out.printf("[resilience] sigkill: the spool holds %d records (%d torn records dropped)%n",
                        onDisk, spool.recoveredCorruptRecords());
            }
            assertThat(onDisk).as("every event the child reported as spooled is on disk").isGreaterThanOrEqualTo(last.spooled());
            assertThat(onDisk).isLessThanOrEqualTo(last.logged() + 5_000);
            assertThat(EsQueries.count(c, stream)).as("nothing reached the node through the paused proxy").isZero();

            proxy.resume();
            // a second child replays the spool and is killed in the middle: sent but unacknowledged records come again
            long pendingAfterSecondKill;
            long indexedAtSecondKill;
            try (ChildProcess replayer = ChildProcess.start(SpoolingChild.class, proxy.uri("http").toString(),
                    spoolDir.toString(), DATASET, ns, "0")) {
                Polling.within(Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> !replayer.isAlive() || EsQueries.count(c, stream) >= REPLAYED_BEFORE_KILL);
                replayer.kill();
                indexedAtSecondKill = EsQueries.count(c, stream);
            }
            try (DiskSpool spool = DiskSpool.open(spoolDir, 1L << 30, 16L << 20)) {
                pendingAfterSecondKill = spool.pendingRecords();
            }
            System.out.printf("[resilience] sigkill: replaying child killed with %d of %d indexed; %d records still "
                    + "pending%n", indexedAtSecondKill, onDisk, pendingAfterSecondKill);
            assertThat(indexedAtSecondKill).as("the replaying child made progress").isPositive();
            assertThat(indexedAtSecondKill + pendingAfterSecondKill).as("no record was acknowledged before it was indexed")
                    .isGreaterThanOrEqualTo(onDisk);

            MetricsSnapshot m;
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(proxy.uri("http").toString());
                a.setSpoolDirectory(spoolDir.toString());
                a.setDataset(DATASET);
                a.setNamespace(ns);
                a.setMaxBackoffMillis(1_000);
            })) {
                assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
                boolean replayed = Polling.within(Duration.ofSeconds(60), Duration.ofMillis(300),
                        () -> EsQueries.count(c, stream) >= onDisk && h.appender.getMetrics().sent() >= pendingAfterSecondKill);
                assertThat(replayed).as("%d spooled events replayed within 60 s; status:%n%s", onDisk, h.allStatusText())
                        .isTrue();
                h.stop();
                m = h.appender.getMetrics();
            }
            EsQueries.SeqStats stats = EsQueries.seqStats(c, stream);
            System.out.printf("[resilience] sigkill: indexed after restart %s; replaying appender %s%n", stats, m);
            assertThat(stats.repeated()).as("seq values indexed twice").isEmpty();
            assertThat(stats.docs()).as("exactly the spooled events").isEqualTo(onDisk);
            assertThat(stats.max()).isLessThan(last.logged() + 5_000);
            assertThat(m.sent()).as("each pending record sent once (a 409 for those already there)")
                    .isEqualTo(pendingAfterSecondKill);
            assertThat(m.failed()).isZero();
            assertThat(m.dropped()).isZero();

            try (DiskSpool spool = DiskSpool.open(spoolDir, 1L << 30, 16L << 20)) {
                assertThat(spool.pendingRecords()).as("nothing left to replay").isZero();
                assertThat(spool.peek(1, Long.MAX_VALUE)).isEmpty();
            }
            List<Path> segments = SpoolFiles.segments(spoolDir);
            System.out.printf("[resilience] sigkill: segment files left after every record was acknowledged: %s%n",
                    SpoolFiles.describe(segments));
            assertThat(segments).as("at most the segment being written stays").hasSizeLessThanOrEqualTo(1);
        }
    }

    /** One {@code logged <n> spooled <m> dropped <d>} line of {@link SpoolingChild}. */
    record Report(long logged, long spooled, long dropped) {

        static Report last(List<String> lines) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                String[] w = lines.get(i).split(" ");
                if (w.length == 6 && w[0].equals("logged") && w[2].equals("spooled") && w[4].equals("dropped")) {
                    return new Report(Long.parseLong(w[1]), Long.parseLong(w[3]), Long.parseLong(w[5]));
                }
            }
            return new Report(0, 0, 0);
        }
    }
}
