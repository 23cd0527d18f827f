package io.mailtrail.spring.boot;

import io.mailtrail.spring.boot.autoconfigure.InvalidMailtrailPropertyException;
import io.mailtrail.spring.boot.autoconfigure.InvalidMailtrailPropertyFailureAnalyzer;
import io.mailtrail.spring.boot.autoconfigure.MailtrailAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailProperties;
import io.mailtrail.spring.boot.autoconfigure.MailtrailWebhookAutoConfiguration;
import io.mailtrail.spring.boot.webapp.WebhookApplication;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the webhook endpoints exist, where, and that a missing or bad secret is one line naming the property, never showing it. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookAutoConfigurationTest {

    private static final String KEY = "mailgun-signing-key-7c4e1f";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailWebhookAutoConfiguration.class));

    @Test
    void noEndpointUnlessAProviderIsEnabled() {
        web.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("mailtrailWebhookServlet").doesNotHaveBean(DeliveryEventLogger.class));
        web.withPropertyValues("mailtrail.webhooks.mailgun.signing-key=" + KEY, "mailtrail.webhooks.mailgun.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("mailtrailWebhookServlet"));
        web.withPropertyValues("mailtrail.enabled=false", "mailtrail.webhooks.mailgun.enabled=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("mailtrailWebhookServlet"));
        // not a servlet web application
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailWebhookAutoConfiguration.class))
                .withPropertyValues("mailtrail.webhooks.mailgun.enabled=true", "mailtrail.webhooks.mailgun.signing-key=" + KEY)
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("mailtrailWebhookServlet"));
    }

    @Test
    void eachEnabledProviderIsOnePathUnderTheBasePath() {
        web.withPropertyValues("mailtrail.webhooks.mailgun.enabled=true", "mailtrail.webhooks.mailgun.signing-key=" + KEY,
                        "mailtrail.webhooks.postmark.enabled=true", "mailtrail.webhooks.postmark.header-name=X-Hook-Secret",
                        "mailtrail.webhooks.postmark.header-secret=hook-secret-1")
                .run(ctx -> assertThat(registration(ctx).getUrlMappings())
                        .containsExactly("/mailtrail/webhooks/mailgun", "/mailtrail/webhooks/postmark"));
        web.withPropertyValues("mailtrail.webhooks.base-path=/hooks/email/", "mailtrail.webhooks.mailgun.enabled=true",
                        "mailtrail.webhooks.mailgun.signing-key=" + KEY)
                .run(ctx -> assertThat(registration(ctx).getUrlMappings()).containsExactly("/hooks/email/mailgun"));
    }

    @SuppressWarnings("unchecked")
    private static ServletRegistrationBean<?> registration(org.springframework.context.ApplicationContext ctx) {
        return ctx.getBean("mailtrailWebhookServlet", ServletRegistrationBean.class);
    }

    @Test
    void theSecretsAreNeverInThePropertiesToString() {
        web.withPropertyValues("mailtrail.webhooks.mailgun.enabled=true", "mailtrail.webhooks.mailgun.signing-key=" + KEY,
                "mailtrail.webhooks.postmark.enabled=true", "mailtrail.webhooks.postmark.username=hook",
                "mailtrail.webhooks.postmark.password=postmark-pw-55", "mailtrail.privacy.hmac-key=hmac-key-0123456789abcdef")
                .run(ctx -> {
                    String s = ctx.getBean(MailtrailProperties.class).toString();
                    assertThat(s).contains("signingKey=<set>", "password=<set>", "username=hook")
                            .doesNotContain(KEY, "postmark-pw-55", "hmac-key-0123456789abcdef");
                    assertThat(registration(ctx).toString()).doesNotContain(KEY, "postmark-pw-55");
                });
    }

    @Test
    void aMissingOrBadSecretIsOneLineNamingTheProperty() {
        assertFailure("mailtrail.webhooks.mailgun.signing-key= is invalid: required when mailtrail.webhooks.mailgun.enabled=true",
                "mailtrail.webhooks.mailgun.enabled=true");
        assertFailure("mailtrail.webhooks.sendgrid.public-key= is invalid: required when mailtrail.webhooks.sendgrid.enabled=true",
                "mailtrail.webhooks.sendgrid.enabled=true");
        assertFailure("mailtrail.webhooks.sendgrid.public-key=<hidden> is invalid: sendgrid verification key: not a base64 EC public key",
                "mailtrail.webhooks.sendgrid.enabled=true", "mailtrail.webhooks.sendgrid.public-key=not-a-key-SECRETISH");
        assertFailure("mailtrail.webhooks.ses.topic-arns= is invalid: required when mailtrail.webhooks.ses.enabled=true",
                "mailtrail.webhooks.ses.enabled=true");
        assertFailure("mailtrail.webhooks.ses.topic-arns=ses-events is invalid: not an SNS topic ARN",
                "mailtrail.webhooks.ses.enabled=true", "mailtrail.webhooks.ses.topic-arns=ses-events");
        assertFailure("mailtrail.webhooks.postmark.username= is invalid: required when mailtrail.webhooks.postmark.enabled=true",
                "mailtrail.webhooks.postmark.enabled=true");
        assertFailure("mailtrail.webhooks.postmark.password= is invalid: required when mailtrail.webhooks.postmark.enabled=true",
                "mailtrail.webhooks.postmark.enabled=true", "mailtrail.webhooks.postmark.username=hook");
        assertFailure("mailtrail.webhooks.postmark.header-secret= is invalid: required",
                "mailtrail.webhooks.postmark.enabled=true", "mailtrail.webhooks.postmark.header-name=X-Hook-Secret");
        assertFailure("mailtrail.webhooks.base-path=webhooks/* is invalid: must be a plain path starting with '/'",
                "mailtrail.webhooks.base-path=webhooks/*", "mailtrail.webhooks.mailgun.enabled=true",
                "mailtrail.webhooks.mailgun.signing-key=" + KEY);
        assertFailure("mailtrail.webhooks.max-body-size=0B is invalid: must be at least 1B",
                "mailtrail.webhooks.max-body-size=0", "mailtrail.webhooks.mailgun.enabled=true",
                "mailtrail.webhooks.mailgun.signing-key=" + KEY);
    }

    private void assertFailure(String line, String... properties) {
        web.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            InvalidMailtrailPropertyException cause = findCause(ctx.getStartupFailure());
            assertThat(cause.getMessage()).startsWith(line).doesNotContain("SECRETISH", KEY);
            FailureAnalysis analysis = new InvalidMailtrailPropertyFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(cause.getMessage()).doesNotContain("\n");
            assertThat(analysis.getAction()).contains(cause.property());
        });
    }

    @Test
    void aRealApplicationWithoutItsKeyDoesNotStartAndSaysWhyInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebhookApplication.class)
                .properties("server.port=0", "mailtrail.webhooks.mailgun.enabled=true").run().close())
                .hasStackTraceContaining("mailtrail.webhooks.mailgun.signing-key");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Description:\n\n"
                        + "mailtrail.webhooks.mailgun.signing-key= is invalid: required when mailtrail.webhooks.mailgun.enabled=true\n",
                "Action:\n\nSet mailtrail.webhooks.mailgun.signing-key (see the mailtrail-spring-boot-starter README).");
    }

    @Test
    void aRealApplicationWithoutTheWebhookPropertiesHasNoEndpoint() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WebhookApplication.class).properties("server.port=0").run()) {
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/mailtrail/webhooks/mailgun"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(app.containsBean("mailtrailWebhookServlet")).isFalse();
        }
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
