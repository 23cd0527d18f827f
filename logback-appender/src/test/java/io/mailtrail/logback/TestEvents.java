package io.mailtrail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.util.Map;

/** Builds logging events for tests and reads JSON strictly (duplicate keys fail). */
public final class TestEvents {

    public static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TestEvents() {
    }

    public static LoggingEvent event(LoggerContext ctx, String logger, String message, Throwable t, Map<String, ?> kv) {
        if (ctx.getMDCAdapter() == null) {
            ctx.setMDCAdapter(new LogbackMDCAdapter());
        }
        Logger l = ctx.getLogger(logger);
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), l, Level.INFO, message, t, null);
        if (kv != null) {
            kv.forEach((k, v) -> e.addKeyValuePair(new KeyValuePair(k, v)));
        }
        return e;
    }

    public static JsonNode strict(byte[] json) throws IOException {
        return STRICT.readTree(json);
    }

    public static JsonNode strict(String json) throws IOException {
        return STRICT.readTree(json);
    }
}
