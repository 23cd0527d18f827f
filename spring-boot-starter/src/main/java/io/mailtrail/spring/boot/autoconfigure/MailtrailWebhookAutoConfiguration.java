package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.webhook.WebhookServlet;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.webhook.SnsCertificates;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The opt-in delivery-webhook endpoints: in a servlet web application, once {@code mailtrail.webhooks.<provider>.enabled=true}
 * for at least one provider, servlet {@code mailtrailWebhookServlet} answers {@code POST <base-path>/<provider>} for
 * each enabled provider: verify the request, map its payload, log one delivery event per recipient (logger
 * {@code mailtrail.delivery}). A plain servlet registered with a {@link ServletRegistrationBean}, the same on Boot 3
 * and Boot 4, with no Spring MVC needed. An enabled provider without its secret stops the application with one line
 * naming the property.
 */
@AutoConfiguration(after = MailtrailAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"jakarta.servlet.http.HttpServlet", "org.springframework.boot.web.servlet.ServletRegistrationBean",
        "io.mailtrail.tracker.webhook.WebhookReceiver"})
@ConditionalOnProperty(prefix = "mailtrail", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(MailtrailWebhookAutoConfiguration.AnyProviderEnabled.class)
@EnableConfigurationProperties(MailtrailProperties.class)
public class MailtrailWebhookAutoConfiguration {

    /** Logs the delivery events, with the tracker's privacy policy (and HMAC key): recipient hashes of calls and deliveries match. */
    @Bean
    @ConditionalOnMissingBean
    public DeliveryEventLogger mailtrailDeliveryEventLogger(MailtrailProperties properties, ObjectProvider<PrivacyPolicy> privacy,
            Environment environment) {
        String service = properties.getServiceName() != null ? properties.getServiceName()
                : environment.getProperty("spring.application.name");
        return DeliveryEventLogger.builder()
                .privacy(privacy.getIfAvailable(() -> TrackerSettings.privacy(properties.getPrivacy())))
                .serviceName(service)
                .build();
    }

    /**
     * The endpoints. SNS certificates are downloaded from AWS ({@link SnsCertificates#https()}) unless the application
     * defines an {@link SnsCertificates} bean.
     */
    @Bean
    @ConditionalOnMissingBean(name = "mailtrailWebhookServlet")
    public ServletRegistrationBean<WebhookServlet> mailtrailWebhookServlet(MailtrailProperties properties,
            DeliveryEventLogger deliveries, ObjectProvider<SnsCertificates> certificates) {
        WebhookServlet servlet = WebhookSettings.servlet(properties.getWebhooks(), deliveries,
                () -> certificates.getIfAvailable(SnsCertificates::https));
        ServletRegistrationBean<WebhookServlet> registration =
                new ServletRegistrationBean<>(servlet, servlet.paths().toArray(String[]::new));
        registration.setName("mailtrailWebhookServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** At least one provider's endpoint is enabled. */
    static class AnyProviderEnabled extends AnyNestedCondition {

        AnyProviderEnabled() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "mailtrail.webhooks.mailgun", name = "enabled", havingValue = "true")
        static class Mailgun {
        }

        @ConditionalOnProperty(prefix = "mailtrail.webhooks.sendgrid", name = "enabled", havingValue = "true")
        static class Sendgrid {
        }

        @ConditionalOnProperty(prefix = "mailtrail.webhooks.ses", name = "enabled", havingValue = "true")
        static class Ses {
        }

        @ConditionalOnProperty(prefix = "mailtrail.webhooks.postmark", name = "enabled", havingValue = "true")
        static class Postmark {
        }
    }
}
