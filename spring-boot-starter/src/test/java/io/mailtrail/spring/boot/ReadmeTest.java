package io.mailtrail.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.spring.boot.autoconfigure.MailtrailAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailMailSenderAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailWebhookAutoConfiguration;
import io.mailtrail.testsupport.webhook.WebhookSignatures;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's snippets are the files the tests run with (the IT starts an application with that
 * {@code logback-spring.xml} and properties), its dependency block names this build's artifact and version, and
 * its table documents every property of the configuration metadata.
 */
class ReadmeTest {

    private static final Pattern TESTED = Pattern.compile("<!-- tested: (\\S+) -->\\s*\\n(\\s*)```\\w*\\n(.*?)\\n\\s*```", Pattern.DOTALL);

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("mailtrail.starter.dir", "."), "README.md"));
    }

    /** Tested blocks by name, their list indentation removed. */
    private static Map<String, String> blocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = TESTED.matcher(readme());
        while (m.find()) {
            String indent = m.group(2);
            StringBuilder b = new StringBuilder();
            for (String line : m.group(3).split("\n", -1)) {
                b.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            blocks.put(m.group(1), b.toString());
        }
        return blocks;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReadmeTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachTestedSnippetIsTheFileTheTestsUse() throws IOException {
        Map<String, String> blocks = blocks();
        assertThat(blocks).containsKeys("dependency", "readme/application.properties", "readme/logback-spring.xml",
                "readme/webhooks.properties");
        for (Map.Entry<String, String> b : blocks.entrySet()) {
            if (b.getKey().startsWith("readme/")) {
                assertThat(b.getValue()).as(b.getKey()).isEqualTo(resource(b.getKey()));
            }
        }
    }

    @Test
    void theDependencyIsThisBuildsArtifactAndVersion() throws IOException {
        String dependency = blocks().get("dependency");
        String version = System.getProperty("mailtrail.version");
        assertThat(version).as("mailtrail.version (set by the build)").isNotBlank();
        assertThat(dependency).contains("<artifactId>mailtrail-spring-boot-starter</artifactId>")
                .contains("<artifactId>mailtrail-logback-appender</artifactId>")
                .contains("<version>" + version + "</version>");
    }

    @Test
    void theApplicationPropertiesConfigureWhatTheySay() throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(resource("readme/application.properties")));
        List<String> pairs = new ArrayList<>();
        p.forEach((k, v) -> pairs.add(k + "=" + v));
        // the secrets the snippet takes from the environment
        pairs.add("SMTP_PASSWORD=smtp-password-from-env");
        pairs.add("MAILTRAIL_HMAC_KEY=hmac-key-from-the-environment-0123");
        pairs.add("MAILTRAIL_ES_API_KEY=es-api-key-from-env");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailMailSenderAutoConfiguration.class))
                .withPropertyValues(pairs.toArray(String[]::new))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(MailTracker.class);
                    assertThat(ctx.getBean(PrivacyPolicy.class).hashesRecipients()).isTrue();
                    assertThat(ctx.getEnvironment().getProperty("mailtrail.elasticsearch.api-key")).isEqualTo("es-api-key-from-env");
                });
    }

    @Test
    void theWebhookPropertiesConfigureWhatTheySay() throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(resource("readme/webhooks.properties")));
        List<String> pairs = new ArrayList<>();
        p.forEach((k, v) -> pairs.add(k + "=" + v));
        // the secrets the snippet takes from the environment
        pairs.add("MAILGUN_WEBHOOK_SIGNING_KEY=mailgun-signing-key-from-env");
        pairs.add("SENDGRID_WEBHOOK_PUBLIC_KEY=" + WebhookSignatures.sendgridVerificationKey(WebhookSignatures.sendgridKeys()));
        pairs.add("POSTMARK_WEBHOOK_PASSWORD=postmark-password-from-env");
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailWebhookAutoConfiguration.class))
                .withPropertyValues(pairs.toArray(String[]::new))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean("mailtrailWebhookServlet", ServletRegistrationBean.class).getUrlMappings())
                            .containsExactly("/mailtrail/webhooks/mailgun", "/mailtrail/webhooks/sendgrid",
                                    "/mailtrail/webhooks/ses", "/mailtrail/webhooks/postmark");
                });
    }

    @Test
    void everyPropertyOfTheMetadataIsInTheTable() throws IOException {
        JsonNode metadata;
        try (InputStream in = MailtrailAutoConfiguration.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("configuration metadata of the starter").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        String readme = readme();
        List<String> names = new ArrayList<>();
        metadata.path("properties").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).hasSizeGreaterThan(20);
        for (String name : names) {
            assertThat(readme).as("README table row of " + name).contains("| `" + name + "` |");
        }
    }
}
