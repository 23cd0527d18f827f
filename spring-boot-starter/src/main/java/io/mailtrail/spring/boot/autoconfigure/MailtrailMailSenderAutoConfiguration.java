package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.mail.TrackingMailSenderPostProcessor;
import io.mailtrail.tracker.MailTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Tracks every send of every {@code JavaMailSenderImpl} bean, Boot's auto-configured one included (Boot 3:
 * {@code org.springframework.boot.autoconfigure.mail}, Boot 4: {@code org.springframework.boot.mail.autoconfigure};
 * the post-processor reaches both, whichever line configured the sender). Needs Spring's
 * {@code spring-context-support} and Angus Mail, both on the class path with {@code spring-boot-starter-mail}.
 */
@AutoConfiguration(after = MailtrailAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.mail.javamail.JavaMailSenderImpl", "org.eclipse.angus.mail.smtp.SMTPTransport"})
@ConditionalOnProperty(prefix = "mailtrail", name = {"enabled", "mail.enabled"}, havingValue = "true", matchIfMissing = true)
public class MailtrailMailSenderAutoConfiguration {

    /** Static: a post-processor is created before the other beans, and must not drag this class with it. */
    @Bean
    @ConditionalOnMissingBean
    public static TrackingMailSenderPostProcessor mailtrailMailSenderPostProcessor(ObjectProvider<MailTracker> tracker,
            Environment environment) {
        return new TrackingMailSenderPostProcessor(tracker, environment.getProperty("mailtrail.mail.provider", "smtp"));
    }
}
