package io.mailtrail.benchmarks.throughput;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.benchmarks.support.AppenderEncoding;
import io.mailtrail.logback.bulk.BulkResponseParser;
import io.mailtrail.logback.bulk.ItemResult;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline: the same {@code _bulk} bodies the appender would send, encoded beforehand (untimed) with
 * the appender's own router, id generator, default encoder and bulk item format ({@link AppenderEncoding}),
 * then posted with the
 * low-level {@link RestClient} by {@code concurrency} threads as fast as the node answers.
 */
final class RawBulkBaseline {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private RawBulkBaseline() {
    }

    /** The appender's bodies for these events, encoded by {@link AppenderEncoding} (untimed). */
    static List<byte[]> encode(List<ILoggingEvent> events, String dataset, int batchActions) {
        try (AppenderEncoding encoding = new AppenderEncoding(dataset)) {
            return encoding.bodies(events, batchActions);
        }
    }

    /**
     * Posts every body, {@code concurrency} requests at a time; returns the number of items Elasticsearch
     * stored. Any failed request fails the run (the baseline does not retry: it must be the fast path).
     */
    static long post(RestClient client, List<byte[]> bodies, int concurrency, int itemsPerBody)
            throws InterruptedException, IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread poster = new Thread(() -> {
                BulkResponseParser parser = new BulkResponseParser();
                for (int i; failure.get() == null && (i = next.getAndIncrement()) < bodies.size(); ) {
                    byte[] body = bodies.get(i);
                    try {
                        Request request = new Request("POST", "/_bulk");
                        request.setEntity(new ByteArrayEntity(body, NDJSON));
                        Response response = client.performRequest(request);
                        int items = i == bodies.size() - 1 ? lines(body) / 2 : itemsPerBody;
                        for (ItemResult r : parser.parse(EntityUtils.toByteArray(response.getEntity()), items)) {
                            if (r.stored()) {
                                stored.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "bench-raw-" + t);
            posters.add(poster);
            poster.start();
        }
        for (Thread p : posters) {
            p.join();
        }
        if (failure.get() != null) {
            throw new IOException("the raw baseline failed: " + failure.get(), failure.get());
        }
        return stored.get();
    }

    private static int lines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
