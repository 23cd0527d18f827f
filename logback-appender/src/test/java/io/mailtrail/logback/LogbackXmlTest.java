package io.mailtrail.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.mailtrail.logback.TestEvents.strict;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's logback.xml is valid (every element is a setter), and a user's own encoder plugs in. */
class LogbackXmlTest {

    private static LoggerContext configure(String resource, java.util.Map<String, String> properties) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(ctx::putProperty);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        try (InputStream in = LogbackXmlTest.class.getResourceAsStream(resource)) {
            joran.doConfigure(in);
        }
        return ctx;
    }

    @Test
    void theReadmeExampleConfiguresEveryOptionWithoutWarnings(@TempDir Path tmp) throws Exception {
        Path ca = tmp.resolve("missing-ca.pem");
        LoggerContext ctx = configure("/logback-example.xml", java.util.Map.of(
                "ES_URL", "http://127.0.0.1:9", "ES_CA", ca.toString(), "LOG_DIR", tmp.toString()));
        try {
            List<Status> problems = ctx.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).toList();
            // the only complaint: the CA file of the example does not exist here
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).getMessage()).contains("'caCertificate'").contains(ca.toString());
        } finally {
            ctx.stop();
        }
        Files.writeString(ca, "not a certificate");
        LoggerContext ctx2 = configure("/logback-example.xml", java.util.Map.of(
                "ES_URL", "http://127.0.0.1:9", "ES_CA", ca.toString(), "LOG_DIR", tmp.toString()));
        try {
            assertThat(ctx2.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.WARN)
                    .map(Status::getMessage)).singleElement().asString().contains("not a PEM certificate");
        } finally {
            ctx2.stop();
        }
    }

    @Test
    void aUsersOwnEncoderIsUsedWithRoutingAndIds() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            bodies.add(body);
            byte[] bytes = "{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        LoggerContext ctx = configure("/logback-custom-encoder.xml",
                java.util.Map.of("ES_URL", "http://127.0.0.1:" + server.getAddress().getPort()));
        try {
            ElasticsearchAppender appender = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
            assertThat(appender.isStarted()).isTrue();
            ctx.getLogger("app").info("custom");
            appender.stop();
            assertThat(appender.getMetrics().sent()).isEqualTo(1);
            String[] lines = bodies.get(0).split("\n");
            assertThat(strict(lines[0]).get("create").get("_index").asText()).isEqualTo("logs-generic-default");
            assertThat(strict(lines[1]).get("custom.marker").asText()).isEqualTo("yes");
            assertThat(strict(lines[1]).get("message").asText()).isEqualTo("custom");
            assertThat(strict(lines[1]).get("event.id").asText()).isEqualTo(strict(lines[0]).get("create").get("_id").asText());
            assertThat(strict(lines[1]).get("data_stream.dataset").asText()).isEqualTo("generic");
        } finally {
            ctx.stop();
            server.stop(0);
        }
    }
}
