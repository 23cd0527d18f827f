package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.RetryPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application's {@link MailTracker}, built from the {@code mailtrail.*} properties. Each part is a bean of
 * its own ({@link PrivacyPolicy}, {@link RetryPolicy}, {@link MailTracker}): define one yourself and it is used
 * instead.
 */
@AutoConfiguration
@ConditionalOnClass(MailTracker.class)
@ConditionalOnProperty(prefix = "mailtrail", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(MailtrailProperties.class)
public class MailtrailAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PrivacyPolicy mailtrailPrivacyPolicy(MailtrailProperties properties) {
        return TrackerSettings.privacy(properties.getPrivacy());
    }

    @Bean
    @ConditionalOnMissingBean
    public RetryPolicy mailtrailRetryPolicy(MailtrailProperties properties) {
        return TrackerSettings.retry(properties.getRetry());
    }

    @Bean
    @ConditionalOnMissingBean
    public MailTracker mailTracker(MailtrailProperties properties, PrivacyPolicy privacy, RetryPolicy retry,
            Environment environment) {
        String service = properties.getServiceName() != null ? properties.getServiceName()
                : environment.getProperty("spring.application.name");
        return MailTracker.builder()
                .serviceName(service)
                .serviceEnvironment(properties.getEnvironment())
                .privacy(privacy)
                .retryPolicy(retry)
                .build();
    }
}
