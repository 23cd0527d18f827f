package io.mailtrail.spring.boot.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.ElasticsearchAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the mailtrail {@link ElasticsearchAppender}s attached to Logback's loggers, by name. Looked up at every
 * read, not kept: Boot reconfigures Logback (and so replaces the appenders) while the application starts.
 */
public class MailtrailAppenders {

    private final ILoggerFactory loggers;

    public MailtrailAppenders() {
        this(LoggerFactory.getILoggerFactory());
    }

    public MailtrailAppenders(ILoggerFactory loggers) {
        this.loggers = loggers;
    }

    /** The appenders now, by name (in the order the loggers list them); empty when Logback is not the binding. */
    public Map<String, ElasticsearchAppender> current() {
        Map<String, ElasticsearchAppender> found = new LinkedHashMap<>();
        if (!(loggers instanceof LoggerContext context)) {
            return found;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof ElasticsearchAppender a) {
                    found.putIfAbsent(String.valueOf(a.getName()), a);
                }
            }
        }
        return found;
    }

    /** The appender of that name now, if any. */
    public Optional<ElasticsearchAppender> named(String name) {
        return Optional.ofNullable(current().get(name));
    }

    /**
     * The latest warning or error the appender reported to Logback's status manager (its outage, drop and
     * rejection messages; they never contain credentials), if any.
     */
    public Optional<String> lastProblem(ElasticsearchAppender appender) {
        if (appender.getContext() == null || appender.getContext().getStatusManager() == null) {
            return Optional.empty();
        }
        List<Status> statuses = appender.getContext().getStatusManager().getCopyOfStatusList();
        for (int i = statuses.size() - 1; i >= 0; i--) {
            Status s = statuses.get(i);
            if (s.getOrigin() == appender && s.getEffectiveLevel() >= Status.WARN) {
                return Optional.of(s.getMessage());
            }
        }
        return Optional.empty();
    }
}
