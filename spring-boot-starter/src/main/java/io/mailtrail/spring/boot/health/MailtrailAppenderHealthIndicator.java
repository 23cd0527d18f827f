package io.mailtrail.spring.boot.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Health contributor {@code mailtrail} on Spring Boot 3's actuator API; what it reports: {@link AppenderHealth}. */
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
