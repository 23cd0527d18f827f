package io.mailtrail.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.schema.Fields;
import io.mailtrail.spring.boot.app.MailApplication;
import io.mailtrail.spring.boot.app.Mailer;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testsupport.ScriptedSmtpServer;
import io.mailtrail.testsupport.SmtpStage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.MailException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole recipe of the README on real parts: a Boot application with no mailtrail code, the README's
 * {@code logback-spring.xml} and properties, Boot's {@code JavaMailSender} against a real SMTP responder, the
 * mailtrail appender shipping to a real Elasticsearch node whose templates {@code mailtrail setup} installed.
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchShippingIT {

    private static final String NAMESPACE = "bootit";
    private static final String CALLS = "logs-mailtrail.calls-" + NAMESPACE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sendsOfAnUntouchedApplicationReachTheNodeClassified(ElasticsearchNode es) throws Exception {
        setup(es);
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(MailApplication.class).properties(
                     ReadmeRecipe.properties(es.url().toString(), NAMESPACE, smtp,
                     "mailtrail.environment=it",
                     "spring.mail.username=apikey",
                     "spring.mail.password=smtp-secret-246",
                     "spring.mail.properties.mail.smtp.auth=true")).run()) {
            Mailer mailer = app.getBean(Mailer.class);
            mailer.welcome("alice@customer.example");
            smtp.replyOnce(SmtpStage.RCPT, "550 5.1.1 <bob@customer.example>: Recipient address rejected: User unknown");
            assertThatThrownBy(() -> mailer.welcome("bob@customer.example")).isInstanceOf(MailException.class);
            smtp.replyOnce(SmtpStage.DATA_END, "451 4.3.0 Try again later");
            assertThatThrownBy(() -> mailer.receipt("carol@customer.example")).isInstanceOf(MailException.class);
            smtp.replyOnce(SmtpStage.AUTH, "535 5.7.8 Authentication credentials invalid");
            assertThatThrownBy(() -> mailer.receipt("dave@customer.example")).isInstanceOf(MailException.class);

            ElasticsearchAppender appender = app.getBean(MailtrailAppenders.class).named("MAILTRAIL").orElseThrow();
            awaitSent(appender, 4);
            // the appender's counters as Micrometer meters
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("mailtrail.appender.events").tag("appender", "MAILTRAIL").tag("outcome", "sent")
                    .functionCounter().count()).isEqualTo(4.0);
            assertThat(meters.get("mailtrail.appender.events").tag("outcome", "dropped").functionCounter().count()).isZero();

            List<JsonNode> docs = search(es);
            assertThat(docs).hasSize(4);
            assertThat(docs).allSatisfy(d -> {
                assertThat(d.path(Fields.SERVICE_NAME.name()).asText()).isEqualTo("shop");
                assertThat(d.path(Fields.SERVICE_ENVIRONMENT.name()).asText()).isEqualTo("it");
                assertThat(d.path(Fields.PROVIDER.name()).asText()).isEqualTo("smtp");
                assertThat(d.path(Fields.DESTINATION_PORT.name()).asLong()).isEqualTo(smtp.port());
            });
            assertThat(docs.stream().map(d -> d.path(Fields.EVENT_OUTCOME.name()).asText() + "/"
                    + d.path(Fields.ERROR_CATEGORY.name()).asText("-") + "/" + d.path(Fields.ERROR_RETRYABLE.name()).asText("-")))
                    .containsExactlyInAnyOrder("success/-/-", "failure/recipient_rejected/false",
                            "failure/provider_unavailable/true", "failure/authentication/false");
            String all = docs.toString();
            assertThat(all).doesNotContain("alice@", "bob@", "carol@", "dave@", "smtp-secret-246");
            assertThat(all).contains("<redacted>@customer.example");
        } finally {
            // the appender this test's Logback configuration started must not outlive the test
            new MailtrailAppenders().current().values().forEach(ElasticsearchAppender::stop);
        }
    }

    private static void setup(ElasticsearchNode es) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString(), "--namespace", NAMESPACE},
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        assertThat(code).as("mailtrail setup:\n%s\n%s", out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
                .isEqualTo(ExitCode.OK);
    }

    /** Waits for the appender to have delivered what it took (it ships on its own thread, in batches). */
    private static void awaitSent(ElasticsearchAppender appender, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        MetricsSnapshot m = appender.getMetrics();
        while (m.sent() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            m = appender.getMetrics();
        }
        assertThat(m.sent()).as("events Elasticsearch confirmed: %s", m).isEqualTo(expected);
        assertThat(m.appended()).isEqualTo(expected);
    }

    private static List<JsonNode> search(ElasticsearchNode es) throws Exception {
        try (RestClient client = es.restClient()) {
            client.performRequest(new Request("POST", "/" + CALLS + "/_refresh"));
            Request search = new Request("POST", "/" + CALLS + "/_search");
            search.setJsonEntity("{\"size\":100}");
            JsonNode hits = JSON.readTree(EntityUtils.toString(client.performRequest(search).getEntity())).path("hits").path("hits");
            List<JsonNode> docs = new ArrayList<>();
            // dotted names whatever the shape: a logsdb data stream (what setup installs on 8.17+) returns a synthetic
            // _source, with objects instead of the dotted keys the appender wrote
            hits.forEach(h -> docs.add(flat(h.path("_source"), "", JSON.createObjectNode())));
            return docs;
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode flat(JsonNode node, String prefix,
            com.fasterxml.jackson.databind.node.ObjectNode into) {
        node.fields().forEachRemaining(e -> {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flat(e.getValue(), name, into);
            } else {
                into.set(name, e.getValue());
            }
        });
        return into;
    }
}
