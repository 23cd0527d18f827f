package io.mailtrail.spring.boot.metrics;

import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;

/**
 * The counters of each mailtrail appender ({@code io.mailtrail.logback.metrics}) as Micrometer meters, tagged
 * {@code appender=<name>}:
 * <ul>
 *   <li>{@code mailtrail.appender.events} (counter) with {@code outcome} = appended, sent, retried, failed,
 *       dropped, spooled, dead_lettered;</li>
 *   <li>{@code mailtrail.appender.queue.depth} (gauge): events waiting in memory;</li>
 *   <li>{@code mailtrail.appender.bulk.requests} (counter) and {@code mailtrail.appender.bulk.latency.max} (gauge, ms).</li>
 * </ul>
 * Each meter reads the appender of its name at every scrape, so a reconfigured Logback is followed.
 */
public class MailtrailAppenderMeterBinder implements MeterBinder {

    private final MailtrailAppenders appenders;

    public MailtrailAppenderMeterBinder(MailtrailAppenders appenders) {
        this.appenders = appenders;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : appenders.current().keySet()) {
            counter(registry, name, "appended", MetricsSnapshot::appended);
            counter(registry, name, "sent", MetricsSnapshot::sent);
            counter(registry, name, "retried", MetricsSnapshot::retried);
            counter(registry, name, "failed", MetricsSnapshot::failed);
            counter(registry, name, "dropped", MetricsSnapshot::dropped);
            counter(registry, name, "spooled", MetricsSnapshot::spooled);
            counter(registry, name, "dead_lettered", MetricsSnapshot::deadLettered);
            Gauge.builder("mailtrail.appender.queue.depth", this, b -> b.read(name, MetricsSnapshot::queueDepth))
                    .tag("appender", name).description("Events waiting in the appender's memory queue").strongReference(true)
                    .register(registry);
            FunctionCounter.builder("mailtrail.appender.bulk.requests", this, b -> read(name, MetricsSnapshot::bulkRequests))
                    .tag("appender", name).description("_bulk requests made, failed ones included").register(registry);
            Gauge.builder("mailtrail.appender.bulk.latency.max", this, b -> b.read(name, MetricsSnapshot::bulkLatencyMaxMillis))
                    .tag("appender", name).baseUnit("milliseconds").description("Longest _bulk request").strongReference(true)
                    .register(registry);
        }
    }

    // Micrometer holds a meter's state object weakly and, once it is collected, reports the last value for ever.
    // The meters must live as long as the registry, also when nobody else holds the binder
    // (new MailtrailAppenderMeterBinder(..).bindTo(registry)): gauges take a strong reference, and a function
    // counter (which has no such option) calls read() on this binder, so its function keeps the binder reachable.
    private void counter(MeterRegistry registry, String name, String outcome, ToDoubleFunction<MetricsSnapshot> value) {
        FunctionCounter.builder("mailtrail.appender.events", this, b -> read(name, value))
                .tag("appender", name).tag("outcome", outcome)
                .description("Events of the mailtrail appender, by outcome").register(registry);
    }

    private double read(String name, ToDoubleFunction<MetricsSnapshot> value) {
        return appenders.named(name).map(ElasticsearchAppender::getMetrics).map(value::applyAsDouble)
                .orElse(Double.NaN);
    }
}
