package io.mailtrail.benchmarks.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.ElasticsearchAppender;

import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Wires the appender under test the way {@code logback.xml} would, in a LoggerContext of its own (so the
 * benchmark programs' own logging never reaches it).
 */
public final class Appenders {

    /** {@code host.name} and {@code service.name} of every benchmark event, so raw and appender documents match. */
    public static final String HOST_NAME = "bench-host";
    public static final String SERVICE_NAME = "mailtrail-bench";

    private Appenders() {
    }

    /**
     * An Elasticsearch appender with the defaults a user gets, pointed at {@code url}, writing to
     * {@code logs-<dataset>-default}; {@code options} sets anything else before start.
     *
     * @throws IllegalStateException with the status messages when it does not start
     */
    public static ElasticsearchAppender elasticsearch(LoggerContext context, String url, String dataset,
                                                      Consumer<ElasticsearchAppender> options) {
        ElasticsearchAppender a = new ElasticsearchAppender();
        a.setContext(context);
        a.setName("bench-" + dataset);
        a.setUrl(url);
        a.setDataset(dataset);
        a.setHostName(HOST_NAME);
        a.setServiceName(SERVICE_NAME);
        a.setJmx(false);
        options.accept(a);
        a.start();
        if (!a.isStarted()) {
            throw new IllegalStateException("the appender did not start: " + statuses(context));
        }
        return a;
    }

    /** The logger the benchmark logs to, with only {@code appender} attached. */
    public static Logger logger(LoggerContext context, Appender<ILoggingEvent> appender) {
        Logger logger = context.getLogger("bench.caller");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    public static LoggerContext newContext(String name) {
        LoggerContext context = new LoggerContext();
        context.setName(name);
        // what SLF4J's binding does for the default context; without it an event cannot read its MDC
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        return context;
    }

    /** The context's status messages (the appender's warnings and errors), for a failure report. */
    public static String statuses(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .map(Status::getMessage)
                .collect(Collectors.joining(" | "));
    }
}
