package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.health.AppenderHealth;
import io.mailtrail.spring.boot.health.boot4.MailtrailAppenderHealthIndicator;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health contributor {@code mailtrail} on Spring Boot 4 ({@code org.springframework.boot.health}, in
 * {@code spring-boot-health}, which {@code spring-boot-starter-actuator} brings); {@code
 * management.health.mailtrail.enabled=false} turns it off. Compiled against {@code spring-boot-health} 4.0.7; on
 * Boot 3 its condition does not match.
 */
@AutoConfiguration(after = MailtrailMetricsAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.health.contributor.AbstractHealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator",
        "io.mailtrail.logback.ElasticsearchAppender", "ch.qos.logback.classic.LoggerContext"})
@ConditionalOnProperty(prefix = "mailtrail", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("mailtrail")
public class MailtrailBoot4HealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mailtrailHealthIndicator")
    public MailtrailAppenderHealthIndicator mailtrailHealthIndicator(ObjectProvider<MailtrailAppenders> appenders) {
        return new MailtrailAppenderHealthIndicator(new AppenderHealth(appenders.getIfAvailable(MailtrailAppenders::new)));
    }
}
