package io.mailtrail.spring.boot.health;

import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Actuator health of the mailtrail appenders (Spring Boot 3): per appender, whether it runs, its queue depth,
 * events dropped, failed and spooled, and its latest warning or error. UP while every appender runs (a slow or
 * unreachable Elasticsearch shows in the details, not as DOWN: the application still works and the events wait
 * in the queue or spool); DOWN when one has stopped; UNKNOWN when Logback has no mailtrail appender.
 */
public class MailtrailAppenderHealthIndicator extends AbstractHealthIndicator {

    private final MailtrailAppenders appenders;

    public MailtrailAppenderHealthIndicator(MailtrailAppenders appenders) {
        super("mailtrail appender health check failed");
        this.appenders = appenders;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, ElasticsearchAppender> all = appenders.current();
        if (all.isEmpty()) {
            builder.unknown().withDetail("reason", "no io.mailtrail.logback.ElasticsearchAppender in the Logback configuration");
            return;
        }
        boolean allStarted = true;
        for (Map.Entry<String, ElasticsearchAppender> e : all.entrySet()) {
            ElasticsearchAppender a = e.getValue();
            MetricsSnapshot m = a.getMetrics();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("started", a.isStarted());
            details.put("queueDepth", m.queueDepth());
            details.put("sent", m.sent());
            details.put("dropped", m.dropped());
            details.put("failed", m.failed());
            details.put("spooled", m.spooled());
            details.put("deadLettered", m.deadLettered());
            appenders.lastProblem(a).ifPresent(p -> details.put("lastError", p));
            builder.withDetail(e.getKey(), details);
            allStarted &= a.isStarted();
        }
        if (allStarted) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
