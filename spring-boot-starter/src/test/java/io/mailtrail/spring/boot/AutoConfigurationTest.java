package io.mailtrail.spring.boot;

import io.mailtrail.spring.boot.autoconfigure.InvalidMailtrailPropertyException;
import io.mailtrail.spring.boot.autoconfigure.InvalidMailtrailPropertyFailureAnalyzer;
import io.mailtrail.spring.boot.autoconfigure.MailtrailAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailMailSenderAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailMetricsAutoConfiguration;
import io.mailtrail.spring.boot.mail.TrackedMailSender;
import io.mailtrail.spring.boot.mail.TrackingMailSenderPostProcessor;
import io.mailtrail.spring.boot.metrics.MailtrailAppenderMeterBinder;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration's conditions and defaults, and that each part gives way to the application's own bean. */
class AutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class,
                    MailtrailMailSenderAutoConfiguration.class, MailtrailMetricsAutoConfiguration.class))
            .withUserConfiguration(OwnSender.class);

    @Configuration(proxyBeanMethods = false)
    static class OwnSender {
        @Bean
        JavaMailSenderImpl ownSender() {
            JavaMailSenderImpl s = new JavaMailSenderImpl();
            s.setHost("smtp.example.com");
            return s;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTracker {
        static final MailTracker TRACKER = MailTracker.builder().serviceName("own").build();

        @Bean
        MailTracker ownTracker() {
            return TRACKER;
        }
    }

    @Test
    void defaultsAreSafeTrackerWithoutRetriesOrHashesAndTheSenderIsTracked() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(MailTracker.class).hasSingleBean(TrackingMailSenderPostProcessor.class)
                    .hasSingleBean(MailtrailAppenderMeterBinder.class);
            assertThat(ctx.getBean(RetryPolicy.class)).isSameAs(RetryPolicy.none());
            assertThat(ctx.getBean(PrivacyPolicy.class).hashesRecipients()).isFalse();
            assertThat(ctx.getBean(PrivacyPolicy.class).logsSubject()).isFalse();
            JavaMailSender sender = ctx.getBean(JavaMailSender.class);
            assertThat(sender).isInstanceOf(TrackedMailSender.class).isInstanceOf(JavaMailSenderImpl.class);
            // everything but send() reaches the bean as it was configured
            assertThat(ctx.getBean(JavaMailSenderImpl.class).getHost()).isEqualTo("smtp.example.com");
        });
    }

    @Test
    void offMeansNothingAtAllAndTheSenderIsLeftAlone() {
        runner.withPropertyValues("mailtrail.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(MailTracker.class).doesNotHaveBean(TrackingMailSenderPostProcessor.class)
                    .doesNotHaveBean(MailtrailAppenderMeterBinder.class);
            assertThat(ctx.getBean(JavaMailSender.class)).isNotInstanceOf(TrackedMailSender.class);
        });
    }

    @Test
    void mailTrackingAndMetricsCanBeTurnedOffOnTheirOwn() {
        runner.withPropertyValues("mailtrail.mail.enabled=false", "mailtrail.metrics.enabled=false").run(ctx -> {
            assertThat(ctx).hasSingleBean(MailTracker.class).doesNotHaveBean(MailtrailAppenderMeterBinder.class);
            assertThat(ctx.getBean(JavaMailSender.class)).isNotInstanceOf(TrackedMailSender.class);
        });
    }

    @Test
    void theApplicationsOwnTrackerWins() {
        runner.withUserConfiguration(OwnTracker.class).run(ctx ->
                assertThat(ctx.getBean(MailTracker.class)).isSameAs(OwnTracker.TRACKER));
    }

    @Test
    void withoutSpringsMailSupportOnlyTheTrackerIsConfigured() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailMailSenderAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(JavaMailSenderImpl.class))
                .run(ctx -> assertThat(ctx).hasSingleBean(MailTracker.class).doesNotHaveBean(TrackingMailSenderPostProcessor.class));
    }

    @Test
    void retriesAreOnlyWhenAskedFor() {
        runner.withPropertyValues("mailtrail.retry.enabled=true", "mailtrail.retry.max-attempts=5",
                "mailtrail.retry.base-delay=50ms").run(ctx ->
                assertThat(ctx.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(5));
    }

    @Test
    void theHashKeyComesFromThePropertyOrTheEnvironment() {
        runner.withPropertyValues("mailtrail.privacy.hmac-key=0123456789abcdef-from-property").run(ctx ->
                assertThat(ctx.getBean(PrivacyPolicy.class).hashesRecipients()).isTrue());
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MAILTRAIL_PRIVACY_HMACKEY", "0123456789abcdef-from-environment"))))
                .run(ctx -> assertThat(ctx.getBean(PrivacyPolicy.class).hashesRecipients()).isTrue());
    }

    @Test
    void aBadValueIsOneLineNamingThePropertyNeverShowingTheKey() {
        runner.withPropertyValues("mailtrail.privacy.hmac-key=short-key").run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            InvalidMailtrailPropertyException cause = findCause(failure);
            assertThat(cause.getMessage()).startsWith("mailtrail.privacy.hmac-key=<hidden> is invalid: ")
                    .contains("too short").doesNotContain("short-key");
            FailureAnalysis analysis = new InvalidMailtrailPropertyFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).isEqualTo(cause.getMessage()).doesNotContain("\n");
            assertThat(analysis.getAction()).contains("mailtrail.privacy.hmac-key");
        });
        runner.withPropertyValues("mailtrail.retry.enabled=true", "mailtrail.retry.max-attempts=0").run(ctx ->
                assertThat(findCause(ctx.getStartupFailure()).getMessage()).startsWith("mailtrail.retry.max-attempts=0 is invalid: "));
    }

    private static InvalidMailtrailPropertyException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidMailtrailPropertyException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidMailtrailPropertyException in " + t, t);
    }
}
