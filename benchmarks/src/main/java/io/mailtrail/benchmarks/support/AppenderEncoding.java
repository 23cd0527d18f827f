package io.mailtrail.benchmarks.support;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.logback.bulk.Batch;
import io.mailtrail.logback.bulk.BulkItem;
import io.mailtrail.logback.bulk.EventIds;
import io.mailtrail.logback.encoder.EcsJsonEncoder;
import io.mailtrail.logback.encoder.RoutedEvent;
import io.mailtrail.logback.route.Route;
import io.mailtrail.logback.route.Router;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns events into {@code _bulk} items exactly as the appender's encoder thread does: its router, its id
 * generator, its default encoder with the benchmarks' {@code host.name}/{@code service.name}, its item format.
 */
public final class AppenderEncoding implements AutoCloseable {

    private final LoggerContext context = Appenders.newContext("bench-encoding");
    private final EcsJsonEncoder encoder = new EcsJsonEncoder();
    private final Router router;

    /** Items for {@code logs-<dataset>-default}. */
    public AppenderEncoding(String dataset) {
        encoder.setContext(context);
        encoder.setHostName(Appenders.HOST_NAME);
        encoder.setServiceName(Appenders.SERVICE_NAME);
        encoder.start();
        router = new Router("logs", dataset, "default");
    }

    public BulkItem item(ILoggingEvent event) {
        Route route = router.route(event);
        String id = EventIds.next(event.getTimeStamp());
        byte[] doc = encoder.encode(new RoutedEvent(event, id, route));
        return BulkItem.create(route.index(), id, doc, doc.length);
    }

    /** Request bodies of {@code batchActions} items each (the last one may hold fewer). */
    public List<byte[]> bodies(List<ILoggingEvent> events, int batchActions) {
        List<byte[]> bodies = new ArrayList<>();
        Batch batch = new Batch(batchActions);
        for (ILoggingEvent event : events) {
            batch.add(item(event));
            if (batch.size() == batchActions) {
                bodies.add(batch.body());
                batch = new Batch(batchActions);
            }
        }
        if (!batch.isEmpty()) {
            bodies.add(batch.body());
        }
        return bodies;
    }

    @Override
    public void close() {
        encoder.stop();
        context.stop();
    }
}
