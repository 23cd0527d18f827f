package io.mailtrail.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailtrail.schema.Dataset;
import org.slf4j.event.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private Logback context that keeps the tracker's call events, each as its key-value pairs: give
 * {@link #loggerFactory()} to {@code MailTracker.builder().loggerFactory(..)}, then read {@link #events()}.
 * Needs {@code logback-classic} and {@code mailtrail-schema} on the test class path (optional dependencies of this
 * module; {@code mailtrail-tracker} brings the schema).
 */
public final class CapturedCalls {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> calls = new ListAppender<>();

    public CapturedCalls() {
        calls.setContext(context);
        calls.start();
        Logger logger = context.getLogger(Dataset.CALLS.loggerName());
        logger.addAppender(calls);
        logger.setAdditive(false);
    }

    public LoggerContext loggerFactory() {
        return context;
    }

    public List<Map<String, Object>> events() {
        return calls.list.stream().map(CapturedCalls::pairs).toList();
    }

    private static Map<String, Object> pairs(ILoggingEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<KeyValuePair> kv = event.getKeyValuePairs();
        if (kv != null) {
            kv.forEach(p -> map.put(p.key, p.value));
        }
        return map;
    }
}
