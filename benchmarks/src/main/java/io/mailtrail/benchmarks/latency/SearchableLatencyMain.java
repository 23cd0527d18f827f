package io.mailtrail.benchmarks.latency;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.benchmarks.support.Cluster;
import io.mailtrail.benchmarks.support.Percentiles;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.Settings;
import io.mailtrail.logback.ElasticsearchAppender;
import org.elasticsearch.client.Request;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * How live a live view can be: the time from the logging call to the event being searchable, at a steady
 * {@code rate} events/s, with the appender's defaults; next to the same measured for documents written by a plain
 * synchronous {@code _bulk} every 5 ms (the node's refresh interval and the request alone).
 *
 * <p>Method: event {@code k} is logged at a recorded time; a poller asks {@code _count} every 10 ms; the first poll
 * that counts at least {@code k} documents marks event {@code k} searchable. This assumes events become visible in
 * the order they were logged (true within a bulk request; concurrent requests may reorder within one flush), so a
 * figure is exact to the poll interval and one flush.
 */
public final class SearchableLatencyMain {

    private SearchableLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Settings.intValue("latencyRate", 5000);
        int seconds = Settings.intValue("latencySeconds", 20);
        Results results = new Results("searchable-latency");
        try (Cluster cluster = Cluster.start()) {
            String run = Settings.runId();
            Percentiles appender = appender(cluster, "benchlatency" + run, rate, seconds);
            Percentiles raw = raw(cluster, "benchlatencyraw" + run, rate, seconds);
            results.row("appender defaults, p50 (ms) at " + rate + "/s", ms(appender.at(50)), "-", null);
            results.row("appender defaults, p99 (ms) at " + rate + "/s", ms(appender.at(99)), "<= 2000 ms (issue 10)",
                    appender.at(99) <= 2_000_000_000L);
            results.info("plain _bulk every 5 ms (refresh interval alone), p50 (ms)", ms(raw.at(50)));
            results.info("plain _bulk every 5 ms (refresh interval alone), p99 (ms)", ms(raw.at(99)));
            results.info("events measured (appender / plain)", appender.count() + " / " + raw.count());
        }
    }

    private static Percentiles appender(Cluster cluster, String dataset, int rate, int seconds) throws Exception {
        LoggerContext context = Appenders.newContext("latency");
        ElasticsearchAppender appender = Appenders.elasticsearch(context, cluster.url(), dataset, a -> { });
        Logger logger = Appenders.logger(context, appender);
        try {
            return measure(cluster, "logs-" + dataset + "-default", rate, seconds, k -> logger.info("latency event {}", k));
        } finally {
            appender.stop();
            context.stop();
        }
    }

    private static Percentiles raw(Cluster cluster, String dataset, int rate, int seconds) throws Exception {
        String stream = "logs-" + dataset + "-default";
        StringBuilder batch = new StringBuilder();
        int[] inBatch = {0};
        long[] lastFlush = {System.nanoTime()};
        return measure(cluster, stream, rate, seconds, k -> {
            batch.append("{\"create\":{}}\n{\"@timestamp\":\"").append(Instant.now()).append("\",\"message\":\"latency event ")
                    .append(k).append("\"}\n");
            inBatch[0]++;
            if (System.nanoTime() - lastFlush[0] >= 5_000_000L) {
                Request r = new Request("POST", "/" + stream + "/_bulk");
                r.setJsonEntity(batch.toString());
                try {
                    cluster.client().performRequest(r);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                batch.setLength(0);
                inBatch[0] = 0;
                lastFlush[0] = System.nanoTime();
            }
        });
    }

    /** Writes {@code rate}/s for {@code seconds} through {@code write}, polling {@code _count}; the latency of each event. */
    private static Percentiles measure(Cluster cluster, String stream, int rate, int seconds, IntConsumer write) throws Exception {
        int total = rate * seconds;
        long[] loggedAt = new long[total];
        long[] latency = new long[total];
        AtomicBoolean writing = new AtomicBoolean(true);
        int[] written = {0};
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            long period = 1_000_000_000L / rate;
            for (int k = 0; k < total; k++) {
                long due = start + k * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                loggedAt[k] = System.nanoTime();
                write.accept(k);
                written[0] = k + 1;
            }
            writing.set(false);
        }, "latency-writer");
        writer.start();
        int seen = 0;
        long deadline = System.nanoTime() + (seconds + 60) * 1_000_000_000L;
        while (seen < total && System.nanoTime() < deadline) {
            long count = count(cluster, stream);
            long now = System.nanoTime();
            while (seen < count && seen < total) {
                latency[seen] = now - loggedAt[seen];
                seen++;
            }
            Thread.sleep(10);
        }
        writer.join();
        return new Percentiles(latency, seen);
    }

    private static long count(Cluster cluster, String stream) {
        try {
            Request r = new Request("GET", "/" + stream + "/_count");
            r.addParameter("ignore_unavailable", "true");
            r.addParameter("allow_no_indices", "true");
            String body = org.apache.http.util.EntityUtils.toString(cluster.client().performRequest(r).getEntity());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String ms(long nanos) {
        return Results.f1(nanos / 1e6);
    }
}
