package io.mailtrail.spring.boot.health.boot4;

import io.mailtrail.spring.boot.health.AppenderHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code mailtrail} on Spring Boot 4's health API ({@code org.springframework.boot.health},
 * module {@code spring-boot-health}); what it reports: {@link AppenderHealth}.
 */
public class MailtrailAppenderHealthIndicator extends AbstractHealthIndicator {

    private final AppenderHealth health;

    public MailtrailAppenderHealthIndicator(AppenderHealth health) {
        super("mailtrail appender health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        AppenderHealth.Report report = health.report();
        builder.status(new Status(report.status())).withDetails(report.details());
    }
}
