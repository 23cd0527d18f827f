package io.mailtrail.tracker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.schema.Dataset;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A private Logback context capturing the tracker's events and encoding them to JSON the way the appender
 * does (logstash-logback-encoder with a key-value-pairs provider), so tests check the encoded output.
 */
public final class CapturedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> calls = attach(Dataset.CALLS);
    private final ListAppender<ILoggingEvent> delivery = attach(Dataset.DELIVERY);
    private final LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();

    public CapturedEvents() {
        encoder.setContext(context);
        encoder.getProviders().addProvider(new MessageJsonProvider());
        encoder.getProviders().addProvider(new LogLevelJsonProvider());
        encoder.getProviders().addProvider(new LoggerNameJsonProvider());
        encoder.getProviders().addProvider(new KeyValuePairsJsonProvider());
        encoder.start();
    }

    private ListAppender<ILoggingEvent> attach(Dataset dataset) {
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.setContext(context);
        list.start();
        Logger logger = context.getLogger(dataset.loggerName());
        logger.addAppender(list);
        logger.setAdditive(false);
        return list;
    }

    public LoggerContext loggerFactory() {
        return context;
    }

    /** The encoded JSON text of every call event, in order. */
    public List<String> callJson() {
        return calls.list.stream().map(this::encode).toList();
    }

    public List<String> deliveryJson() {
        return delivery.list.stream().map(this::encode).toList();
    }

    /** Call events parsed back from their JSON text. */
    public List<Map<String, Object>> calls() {
        return callJson().stream().map(CapturedEvents::parse).toList();
    }

    public List<Map<String, Object>> deliveries() {
        return deliveryJson().stream().map(CapturedEvents::parse).toList();
    }

    public Map<String, Object> onlyCall() {
        List<Map<String, Object>> all = calls();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one call event, got " + all.size() + ": " + callJson());
        }
        return all.get(0);
    }

    public List<ILoggingEvent> rawCalls() {
        return calls.list;
    }

    private String encode(ILoggingEvent e) {
        return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
