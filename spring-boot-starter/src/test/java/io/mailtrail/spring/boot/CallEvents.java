package io.mailtrail.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Field;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call events the tracker logs (or, with {@link Dataset#DELIVERY}, the delivery events), caught on Boot's own
 * Logback context (added beside its appenders).
 */
final class CallEvents implements AutoCloseable {

    private final ListAppender<ILoggingEvent> list = new ListAppender<>();
    private final Logger logger;

    CallEvents() {
        this(Dataset.CALLS);
    }

    CallEvents(Dataset dataset) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger(dataset.loggerName());
        list.setContext(context);
        list.start();
        logger.addAppender(list);
    }

    /** Each event's key-value pairs, in order. */
    List<Map<String, Object>> all() {
        return list.list.stream().map(CallEvents::pairs).toList();
    }

    Map<String, Object> only() {
        List<Map<String, Object>> all = all();
        if (all.size() != 1) {
            throw new AssertionError("expected one event, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    static Object get(Map<String, Object> event, Field field) {
        return event.get(field.name());
    }

    private static Map<String, Object> pairs(ILoggingEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<KeyValuePair> kv = e.getKeyValuePairs();
        if (kv != null) {
            kv.forEach(p -> m.put(p.key, p.value));
        }
        return m;
    }

    @Override
    public void close() {
        logger.detachAppender(list);
        list.stop();
    }
}
