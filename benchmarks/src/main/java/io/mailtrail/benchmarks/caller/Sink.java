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
 * appender with the node up, or with its URL pointing at a closed port (Elasticsearch down); and, for the
 * paced run only, a control: {@link NOPAppender} while the machine carries the load of shipping (see
 * {@link #NOP_NODE_BUSY}).
 */
public enum Sink {
    NOP, ELASTICSEARCH, ELASTICSEARCH_DOWN,
    /**
     * Paced only (JMH never selects it). The measured logger has a {@link NOPAppender}; besides it, the
     * attachment carries a {@link Attached#load() load}: a second context whose Elasticsearch appender ships to
     * the node exactly like {@link #ELASTICSEARCH}, which {@link PacedCallerCost} feeds from a background
     * thread at the same rate. So the node indexes and the appender's threads encode and send as much as in
     * the {@code elasticsearch} row, while the measured calls themselves do nothing but Logback's own work.
     */
    NOP_NODE_BUSY;

    /** The name used in JMH parameters and result tables: {@code nop}, {@code elasticsearch}, {@code elasticsearch-down}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Sink of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A started sink; {@link Attached#close()} stops the appender (delivering what it can) and its context. */
    public Attached attach(String nodeUrl, String dataset) throws IOException {
        Attached load = this == NOP_NODE_BUSY ? ELASTICSEARCH.attach(nodeUrl, dataset) : null;
        LoggerContext context = Appenders.newContext("bench-" + label());
        Appender<ILoggingEvent> appender;
        if (this == NOP || this == NOP_NODE_BUSY) {
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
        return new Attached(context, Appenders.logger(context, appender), appender, load);
    }

    /**
     * A sink wired to a logger.
     *
     * @param load null, or (for {@link #NOP_NODE_BUSY}) the shipping sink that a background thread keeps busy
     *             while the logger is measured; closed with this one
     */
    public record Attached(LoggerContext context, Logger logger, Appender<ILoggingEvent> appender, Attached load)
            implements AutoCloseable {

        /** The appender's counters, or null for a NOP sink. */
        public MetricsSnapshot metrics() {
            return appender instanceof ElasticsearchAppender es ? es.getMetrics() : null;
        }

        @Override
        public void close() {
            appender.stop();
            context.stop();
            if (load != null) {
                load.close();
            }
        }
    }
}
