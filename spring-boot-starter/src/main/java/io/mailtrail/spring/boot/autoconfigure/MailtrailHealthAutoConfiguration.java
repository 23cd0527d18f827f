package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.health.MailtrailAppenderHealthIndicator;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Health contributor {@code mailtrail} (Spring Boot 3's actuator API; {@code management.health.mailtrail.enabled}
 * turns it off). Boot 4 moved the health API to {@code org.springframework.boot.health}: there this class's
 * condition does not match and no contributor is registered.
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
    public MailtrailAppenderHealthIndicator mailtrailHealthIndicator(org.springframework.beans.factory.ObjectProvider<MailtrailAppenders> appenders) {
        return new MailtrailAppenderHealthIndicator(appenders.getIfAvailable(MailtrailAppenders::new));
    }
}
