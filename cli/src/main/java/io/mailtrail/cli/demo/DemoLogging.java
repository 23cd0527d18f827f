package io.mailtrail.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.schema.Dataset;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The simulated application's logging, configured in code the way a {@code logback.xml} would: the
 * {@code mailtrail.calls} and {@code mailtrail.delivery} loggers go to the real {@link ElasticsearchAppender}
 * (with its defaults, except a short flush interval so the live view is live), in a logger context of their own.
 * Everything else the JVM logs (GreenMail, the tracker's own warnings) goes to a file, not over the live view.
 */
final class DemoLogging implements Resources.Part {

    private final LoggerContext context = new LoggerContext();
    private final ElasticsearchAppender appender = new ElasticsearchAppender();

    DemoLogging(ConnectionOptions es, String namespace, Path workDir) {
        // A hand-made context has no MDC adapter; without it the appender can't prepare events for its thread.
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.setName("mailtrail-demo");
        context.start();
        appender.setContext(context);
        appender.setName("mailtrail-demo");
        appender.setUrl(es.url().toString());
        appender.setNamespace(namespace);
        appender.setFlushIntervalMillis(200);
        appender.setShutdownTimeoutMillis(20_000);
        appender.setJmx(false);
        appender.start();
        if (!appender.isStarted()) {
            throw new CliException(ExitCode.FAILED, "the Elasticsearch appender did not start: " + status());
        }
        for (Dataset dataset : Dataset.values()) {
            Logger logger = context.getLogger(dataset.loggerName());
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            logger.addAppender(appender);
        }
    }

    /** The logger factory the tracker and the delivery logger write to. */
    LoggerContext loggerFactory() {
        return context;
    }

    MetricsSnapshot metrics() {
        return appender.getMetrics();
    }

    /**
     * Waits until Elasticsearch confirmed (or refused) every event the appender took, or {@code max} passed; a busy
     * node indexes slowly, and the summary must count everything. Reports progress every 10 s.
     *
     * @return true when nothing is left in flight
     */
    boolean drain(java.time.Duration max, java.io.PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long nextReport = System.nanoTime() + 10_000_000_000L;
        while (true) {
            MetricsSnapshot m = appender.getMetrics();
            long settled = m.sent() + m.failed() + m.dropped();
            if (settled >= m.appended()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (System.nanoTime() > nextReport) {
                out.printf(java.util.Locale.ROOT, "  waiting for Elasticsearch: %d of %d events confirmed (bulk requests take %.0f ms on average)%n",
                        settled, m.appended(), m.bulkLatencyAvgMillis());
                nextReport = System.nanoTime() + 10_000_000_000L;
            }
            Thread.sleep(100);
        }
    }

    /** The appender's warnings and errors so far, one line. */
    String problems() {
        return status();
    }

    /** Delivers what the appender holds (within its shutdown timeout) and stops it. */
    @Override
    public void stop() {
        appender.stop();
        context.stop();
    }

    private String status() {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.WARN)
                .map(Status::getMessage).collect(Collectors.joining("; "));
    }

    /** Sends what the JVM logs outside mailtrail's loggers (GreenMail, the tracker's own warnings) to a file. */
    static void quietTheRest(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext global)) {
            return;
        }
        global.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(global);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> out = new FileAppender<>();
        out.setContext(global);
        out.setName("demo-file");
        out.setFile(file.toString());
        out.setEncoder(encoder);
        out.start();
        Logger root = global.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
    }
}
