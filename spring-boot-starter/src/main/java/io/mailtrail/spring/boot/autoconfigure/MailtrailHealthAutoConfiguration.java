package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.health.AppenderHealth;
import io.mailtrail.spring.boot.health.MailtrailAppenderHealthIndicator;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Health contributor {@code mailtrail} on Spring Boot 3 ({@code org.springframework.boot.actuate.health});
 * {@code management.health.mailtrail.enabled=false} turns it off. On Boot 4 this class's condition does not match
 * and {@link MailtrailBoot4HealthAutoConfiguration} registers the same report on Boot 4's health API.
 */
@AutoConfiguration(after = MailtrailMetricsAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.AbstractHealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator",
        "io.mailtrail.logback.ElasticsearchAppender", "ch.qos.logback.classic.LoggerContext"})
@ConditionalOnProperty(prefix = "mailtrail", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("mailtrail")
public class MailtrailHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mailtrailHealthIndicator")
    public MailtrailAppenderHealthIndicator mailtrailHealthIndicator(ObjectProvider<MailtrailAppenders> appenders) {
        return new MailtrailAppenderHealthIndicator(new AppenderHealth(appenders.getIfAvailable(MailtrailAppenders::new)));
    }
}
