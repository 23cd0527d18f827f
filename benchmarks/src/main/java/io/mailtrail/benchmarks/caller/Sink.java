package io.mailtrail.benchmarks.caller;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.helpers.NOPAppender;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.benchmarks.support.Cluster;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;

import java.io.IOException;
import java.util.Locale;

/**
 * What the logger under test writes to: Logback's {@link NOPAppender} (the reference), the Elasticsearch
 * appender with the node up, or with its URL pointing at a closed port (Elasticsearch down).
 */
public enum Sink {
    NOP, ELASTICSEARCH, ELASTICSEARCH_DOWN;

    /** The name used in JMH parameters and result tables: {@code nop}, {@code elasticsearch}, {@code elasticsearch-down}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Sink of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A started sink; {@link Attached#close()} stops the appender (delivering what it can) and its context. */
    public Attached attach(String nodeUrl, String dataset) throws IOException {
        LoggerContext context = Appenders.newContext("bench-" + label());
        Appender<ILoggingEvent> appender;
        if (this == NOP) {
            NOPAppender<ILoggingEvent> nop = new NOPAppender<>();
            nop.setContext(context);
            nop.start();
            appender = nop;
        } else {
            String url = this == ELASTICSEARCH ? nodeUrl : Cluster.closedPortUrl();
            if (url == null) {
                throw new IllegalStateException("sink " + label() + " needs the node URL (-Dmailtrail.bench.url)");
            }
            // up: stop() may take its time to deliver everything; down: nothing can be delivered anyway
            long shutdownMillis = this == ELASTICSEARCH ? 30_000 : 1_000;
            appender = Appenders.elasticsearch(context, url, dataset, a -> a.setShutdownTimeoutMillis(shutdownMillis));
        }
        return new Attached(context, Appenders.logger(context, appender), appender);
    }

    /** A sink wired to a logger. */
    public record Attached(LoggerContext context, Logger logger, Appender<ILoggingEvent> appender) implements AutoCloseable {

        /** The appender's counters, or null for the NOP sink. */
        public MetricsSnapshot metrics() {
            return appender instanceof ElasticsearchAppender es ? es.getMetrics() : null;
        }

        @Override
        public void close() {
            appender.stop();
            context.stop();
        }
    }
}
