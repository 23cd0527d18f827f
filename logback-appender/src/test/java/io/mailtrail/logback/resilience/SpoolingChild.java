package io.mailtrail.logback.resilience;

import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.slf4j.Logger;

import java.util.concurrent.locks.LockSupport;

/**
 * The application of {@link SigkillIT}, run in a child JVM: an appender with a spool logs numbered events at
 * 5 000/s to a cluster it cannot reach and prints, every 50 ms, {@code logged <n> spooled <m>} ({@code m} from
 * {@code getMetrics().spooled()}), until it has logged {@code count} events; then it waits to be killed.
 *
 * <p>Arguments: URL, spool folder, dataset, namespace, count.
 */
public final class SpoolingChild {

    private static final long PERIOD_NANOS = 200_000; // 5 000 events/s

    private SpoolingChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String spool = args[1];
        String dataset = args[2];
        String namespace = args[3];
        long count = Long.parseLong(args[4]);
        AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(url);
            a.setSpoolDirectory(spool);
            a.setDataset(dataset);
            a.setNamespace(namespace);
            a.setMaxBatchActions(200);
            a.setFlushIntervalMillis(100);
            a.setConnectTimeoutMillis(500);
            a.setInitialBackoffMillis(20);
            a.setMaxBackoffMillis(200);
            a.setJmx(false);
        });
        if (!h.appender.isStarted()) {
            System.out.println("failed " + h.allStatusText().replace('\n', ' '));
            return;
        }
        long[] logged = new long[1];
        Thread reporter = new Thread(() -> {
            while (true) {
                long n;
                synchronized (logged) {
                    n = logged[0];
                }
                MetricsSnapshot m = h.appender.getMetrics();
                System.out.println("logged " + n + " spooled " + m.spooled() + " dropped " + m.dropped());
                System.out.flush();
                LockSupport.parkNanos(50_000_000L);
            }
        }, "reporter");
        reporter.setDaemon(true);
        reporter.start();
        Logger log = h.logger("app.child");
        long due = System.nanoTime();
        for (long seq = 0; seq < count; seq++) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            log.atInfo().setMessage("child event {}").addArgument(seq).addKeyValue(EsQueries.SEQ, seq).log();
            synchronized (logged) {
                logged[0] = seq + 1;
            }
            due += PERIOD_NANOS;
        }
        System.out.println("all logged");
        Thread.sleep(Long.MAX_VALUE);
    }
}
