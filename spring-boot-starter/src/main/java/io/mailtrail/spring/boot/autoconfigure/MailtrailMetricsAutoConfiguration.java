package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.metrics.MailtrailAppenderMeterBinder;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The mailtrail appenders' counters as Micrometer meters, when Micrometer, Logback and the mailtrail appender are
 * on the class path. Boot binds every {@code MeterBinder} bean to its registries (Boot 3 and 4 alike).
 */
@AutoConfiguration
@ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder", "io.mailtrail.logback.ElasticsearchAppender",
        "ch.qos.logback.classic.LoggerContext"})
@ConditionalOnProperty(prefix = "mailtrail", name = {"enabled", "metrics.enabled"}, havingValue = "true", matchIfMissing = true)
public class MailtrailMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MailtrailAppenders mailtrailAppenders() {
        return new MailtrailAppenders();
    }

    @Bean
    @ConditionalOnMissingBean
    public MailtrailAppenderMeterBinder mailtrailAppenderMeterBinder(MailtrailAppenders appenders) {
        return new MailtrailAppenderMeterBinder(appenders);
    }
}
