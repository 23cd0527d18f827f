package io.mailtrail.spring.boot.health;

import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of the mailtrail appenders, independent of the actuator API (Boot 3 and Boot 4 each have their own;
 * a small indicator per line shows this report). Per appender: whether it runs, queue depth, events sent, dropped,
 * failed, spooled and dead-lettered, and its latest warning or error.
 *
 * <p>Status: {@code UP} while every appender runs — an unreachable Elasticsearch shows in the details, not as
 * {@code DOWN}, since the application still works and the events wait in the queue or the spool; {@code DOWN} when
 * one has stopped; {@code UNKNOWN} when Logback has no mailtrail appender.
 */
public final class AppenderHealth {

    /** One health report: {@code UP}, {@code DOWN} or {@code UNKNOWN}, with details by appender name. */
    public record Report(String status, Map<String, Object> details) {
    }

    private final MailtrailAppenders appenders;

    public AppenderHealth(MailtrailAppenders appenders) {
        this.appenders = appenders;
    }

    public Report report() {
        Map<String, ElasticsearchAppender> all = appenders.current();
        Map<String, Object> details = new LinkedHashMap<>();
        if (all.isEmpty()) {
            details.put("reason", "no io.mailtrail.logback.ElasticsearchAppender in the Logback configuration");
            return new Report("UNKNOWN", details);
        }
        boolean allStarted = true;
        for (Map.Entry<String, ElasticsearchAppender> e : all.entrySet()) {
            ElasticsearchAppender a = e.getValue();
            MetricsSnapshot m = a.getMetrics();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("started", a.isStarted());
            one.put("queueDepth", m.queueDepth());
            one.put("sent", m.sent());
            one.put("dropped", m.dropped());
            one.put("failed", m.failed());
            one.put("spooled", m.spooled());
            one.put("deadLettered", m.deadLettered());
            appenders.lastProblem(a).ifPresent(p -> one.put("lastError", p));
            details.put(e.getKey(), one);
            allStarted &= a.isStarted();
        }
        return new Report(allStarted ? "UP" : "DOWN", details);
    }
}
