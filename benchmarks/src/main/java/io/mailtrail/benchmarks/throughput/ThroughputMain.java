package io.mailtrail.benchmarks.throughput;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.benchmarks.support.Cluster;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.SampleEvents;
import io.mailtrail.benchmarks.support.Settings;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end throughput: events per second from the first event handed over until all are searchable
 * ({@code _refresh} + {@code _count} equal to the number sent), for the appender and for the raw baseline
 * ({@link RawBulkBaseline}) posting the same documents with the same batch size and concurrency. The two
 * alternate, round after round, each into a data stream of its own.
 *
 * <p>Knobs ({@code -Dmailtrail.bench.<name>}): {@code events} (default 50000), {@code rounds} (default 5),
 * {@code warmupRounds} (default 3, not reported), {@code storage}: how both sides' data streams are mapped,
 * {@code dynamic} (default: dynamic mapping, the node's defaults), {@code best_compression} (mailtrail's
 * settings and mappings components, as {@code setup} installs them where logsdb is not available) or
 * {@code logsdb} (the same plus the logsdb index mode, as {@code setup} installs them on 8.17+).
 */
public final class ThroughputMain {

    /** The appender's defaults, which the baseline copies. */
    private static final int BATCH_ACTIONS = 1000;
    private static final int IN_FLIGHT = 2;
    private static final long SEARCHABLE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(3);
    private static final double TARGET_RATIO = 0.9;

    private ThroughputMain() {
    }

    /** Seconds until Elasticsearch acknowledged every event, and until all were searchable. */
    private record Timing(double acknowledgedSeconds, double searchableSeconds) {

        double rate(int events) {
            return events / searchableSeconds;
        }

        String describe(int events) {
            return Math.round(rate(events)) + " events/s (all acknowledged after " + Results.f2(acknowledgedSeconds)
                    + " s, searchable after " + Results.f2(searchableSeconds) + " s)";
        }
    }

    public static void main(String[] args) throws Exception {
        int events = Settings.intValue("events", 50_000);
        int rounds = Settings.intValue("rounds", 5);
        int warmupRounds = Settings.intValue("warmupRounds", 3);
        String run = Settings.runId();
        Results results = new Results("throughput");
        LoggerContext eventContext = Appenders.newContext("bench-events");
        Logger eventLogger = eventContext.getLogger("bench.caller");
        List<ILoggingEvent> sample = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            sample.add(SampleEvents.event(eventLogger, i));
        }
        ILoggingEvent primer = SampleEvents.event(eventLogger, -1);
        List<Double> rawRates = new ArrayList<>();
        List<Double> appenderRates = new ArrayList<>();
        String storage = System.getProperty("mailtrail.bench.storage", "dynamic");
        if (!List.of("dynamic", "best_compression", "logsdb").contains(storage)) {
            throw new IllegalArgumentException("mailtrail.bench.storage: expected dynamic, best_compression or logsdb, got '" + storage + "'");
        }
        try (Cluster cluster = Cluster.start()) {
            if (!storage.equals("dynamic")) {
                cluster.installMailtrailTemplates();
                cluster.mapWithMailtrailComponents(storage.equals("logsdb"));
            }
            results.info("storage of both sides' data streams", storage);
            // the first rounds warm up both JVMs and are not reported: a profile of this JVM showed the JIT
            // compiler threads taking 45 % of its CPU over 1 + 3 rounds, competing with the node on 2 cores
            // while the appender's code paths were still being compiled; the node's indexing speeds up a lot too
            for (int round = 1 - warmupRounds; round <= rounds; round++) {
                // equal-length names, so both sides send bodies of the same size
                String rawDataset = "benchtpraw" + run + "r" + (round + warmupRounds);
                String appDataset = "benchtpapp" + run + "r" + (round + warmupRounds);
                try {
                    // alternate who goes first, so neither always meets a node still busy with the other's data
                    Timing raw;
                    Timing app;
                    if (Math.floorMod(round, 2) == 1) {
                        raw = raw(cluster, primer, sample, rawDataset);
                        app = appender(cluster, primer, sample, appDataset);
                    } else {
                        app = appender(cluster, primer, sample, appDataset);
                        raw = raw(cluster, primer, sample, rawDataset);
                    }
                    if (round <= 0) {
                        continue;
                    }
                    rawRates.add(raw.rate(events));
                    appenderRates.add(app.rate(events));
                    results.info("round " + round + " raw baseline", raw.describe(events));
                    results.info("round " + round + " appender", app.describe(events));
                } finally {
                    cluster.deleteDataStream("logs-" + rawDataset + "-default");
                    cluster.deleteDataStream("logs-" + appDataset + "-default");
                }
            }
        }
        double raw = best(rawRates);
        double app = best(appenderRates);
        results.info("best raw baseline (" + events + " events, batch " + BATCH_ACTIONS + ", " + IN_FLIGHT + " in flight)",
                Math.round(raw) + " events/s");
        results.info("best appender", Math.round(app) + " events/s");
        results.row("appender / raw baseline (best of " + rounds + " each)", Results.f2(app / raw) + "x",
                ">= " + TARGET_RATIO + "x", app / raw >= TARGET_RATIO);
        // rounds run back to back, so a pair shares the node's state: robust against drifting load
        double[] ratios = new double[rawRates.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = appenderRates.get(i) / rawRates.get(i);
        }
        Arrays.sort(ratios);
        double median = ratios.length == 0 ? 0 : ratios[ratios.length / 2];
        results.row("appender / raw baseline (median of the rounds' ratios)", Results.f2(median) + "x",
                ">= " + TARGET_RATIO + "x", median >= TARGET_RATIO);
        eventContext.stop();
        System.exit(0);
    }

    private static void awaitSettled(ElasticsearchAppender appender, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEARCHABLE_TIMEOUT_MILLIS);
        while (settled(appender.getMetrics()) < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(2);
        }
    }

    private static long settled(MetricsSnapshot m) {
        return m.sent() + m.failed() + m.dropped();
    }

    private static double best(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /**
     * Both sides first create their data stream with one event, untimed: creating a data stream takes the
     * node a while, which is no part of shipping.
     */
    private static Timing raw(Cluster cluster, ILoggingEvent primer, List<ILoggingEvent> events, String dataset)
            throws Exception {
        String stream = "logs-" + dataset + "-default";
        RawBulkBaseline.post(cluster.client(), RawBulkBaseline.encode(List.of(primer), dataset, 1), 1, 1);
        List<byte[]> bodies = RawBulkBaseline.encode(events, dataset, BATCH_ACTIONS);
        long start = System.nanoTime();
        long stored = RawBulkBaseline.post(cluster.client(), bodies, IN_FLIGHT, BATCH_ACTIONS);
        long acknowledged = System.nanoTime() - start;
        long count = cluster.awaitCount(stream, events.size() + 1, SEARCHABLE_TIMEOUT_MILLIS) - 1;
        long nanos = System.nanoTime() - start;
        if (stored != events.size() || count != events.size()) {
            throw new IllegalStateException("raw baseline: " + stored + " stored, " + count + " searchable of " + events.size());
        }
        return new Timing(acknowledged / 1e9, nanos / 1e9);
    }

    private static Timing appender(Cluster cluster, ILoggingEvent primer, List<ILoggingEvent> events, String dataset)
            throws Exception {
        LoggerContext context = Appenders.newContext("bench-throughput");
        // block (instead of dropping) when the queue is full: this run measures delivery, not overflow
        ElasticsearchAppender appender = Appenders.elasticsearch(context, cluster.url(), dataset, a -> {
            a.setMaxBatchActions(BATCH_ACTIONS);
            a.setMaxInFlightRequests(IN_FLIGHT);
            a.setOverflowPolicy("block");
            a.setMaxBlockMillis(TimeUnit.MINUTES.toMillis(1));
        });
        String stream = "logs-" + dataset + "-default";
        try {
            appender.doAppend(primer);
            awaitSettled(appender, 1);
            long start = System.nanoTime();
            for (ILoggingEvent e : events) {
                appender.doAppend(e);
            }
            // watch the appender's own counters first: refreshing while it still sends would slow the node down
            awaitSettled(appender, events.size() + 1);
            long acknowledged = System.nanoTime() - start;
            long count = cluster.awaitCount(stream, events.size() + 1, SEARCHABLE_TIMEOUT_MILLIS) - 1;
            long nanos = System.nanoTime() - start;
            MetricsSnapshot m = appender.getMetrics();
            if (count != events.size() || m.dropped() != 0) {
                throw new IllegalStateException("appender: " + count + " searchable of " + events.size() + "; " + m
                        + "; " + Appenders.statuses(context));
            }
            return new Timing(acknowledged / 1e9, nanos / 1e9);
        } finally {
            appender.stop();
            context.stop();
        }
    }
}
