package io.mailtrail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A Logback context with one ElasticsearchAppender on the root logger, configured by setters as Joran would. */
public final class AppenderHarness implements AutoCloseable {

    public final LoggerContext context = new LoggerContext();
    public final ElasticsearchAppender appender = new ElasticsearchAppender();

    public AppenderHarness(Consumer<ElasticsearchAppender> configure) {
        context.setName("test");
        context.setMDCAdapter(new LogbackMDCAdapter());
        appender.setContext(context);
        appender.setName("es");
        appender.setWarningIntervalMillis(0);
        configure.accept(appender);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    public org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    public List<Status> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level).collect(Collectors.toList());
    }

    /** Every status message, with its throwables, as text. */
    public String allStatusText() {
        StringBuilder b = new StringBuilder();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            b.append(s.getMessage()).append('\n');
            for (Throwable t = s.getThrowable(); t != null; t = t.getCause()) {
                b.append(t).append('\n');
            }
        }
        return b.toString();
    }

    public void stop() {
        appender.stop();
    }

    @Override
    public void close() {
        context.stop();
    }
}
