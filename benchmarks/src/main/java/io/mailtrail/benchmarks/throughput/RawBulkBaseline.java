package io.mailtrail.benchmarks.throughput;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.logback.bulk.Batch;
import io.mailtrail.logback.bulk.BulkItem;
import io.mailtrail.logback.bulk.BulkResponseParser;
import io.mailtrail.logback.bulk.EventIds;
import io.mailtrail.logback.bulk.ItemResult;
import io.mailtrail.logback.encoder.EcsJsonEncoder;
import io.mailtrail.logback.encoder.RoutedEvent;
import io.mailtrail.logback.route.Route;
import io.mailtrail.logback.route.Router;
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
 * the appender's own router, id generator, default encoder and bulk item format, then posted with the
 * low-level {@link RestClient} by {@code concurrency} threads as fast as the node answers.
 */
final class RawBulkBaseline {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private RawBulkBaseline() {
    }

    /**
     * Encodes the events exactly as the appender's encoder thread does (route, {@code _id}, ECS document,
     * action line) and cuts them into bodies of {@code batchActions} items.
     */
    static List<byte[]> encode(List<ILoggingEvent> events, String dataset, int batchActions) {
        LoggerContext context = Appenders.newContext("bench-raw-encoder");
        EcsJsonEncoder encoder = new EcsJsonEncoder();
        encoder.setContext(context);
        encoder.setHostName(Appenders.HOST_NAME);
        encoder.setServiceName(Appenders.SERVICE_NAME);
        encoder.start();
        Router router = new Router("logs", dataset, "default");
        List<byte[]> bodies = new ArrayList<>();
        Batch batch = new Batch(batchActions);
        for (ILoggingEvent event : events) {
            Route route = router.route(event);
            String id = EventIds.next(event.getTimeStamp());
            byte[] doc = encoder.encode(new RoutedEvent(event, id, route));
            batch.add(BulkItem.create(route.index(), id, doc, doc.length));
            if (batch.size() == batchActions) {
                bodies.add(batch.body());
                batch = new Batch(batchActions);
            }
        }
        if (!batch.isEmpty()) {
            bodies.add(batch.body());
        }
        encoder.stop();
        context.stop();
        return bodies;
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
