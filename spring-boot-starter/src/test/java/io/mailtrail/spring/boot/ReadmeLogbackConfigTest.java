package io.mailtrail.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.schema.Fields;
import io.mailtrail.spring.boot.app.MailApplication;
import io.mailtrail.spring.boot.app.Mailer;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import io.mailtrail.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.mailtrail.spring.boot.CallEvents.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code logback-spring.xml} (the very file {@link ReadmeTest} matches to the README) in a Boot
 * application with no mailtrail code: each {@code mailtrail.elasticsearch.*} property of the README's table
 * reaches the appender, one left unset means "not set", and {@code mailtrail.service-name} is the shipped
 * {@code service.name}. Elasticsearch is a loopback HTTP(S) server that records each {@code _bulk} request and
 * accepts its items.
 */
class ReadmeLogbackConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "readme";

    @AfterEach
    void removeTheReadmeAppender() {
        // Boot leaves the configuration of the application in Logback after it closed: the appender must not outlive
        // the test, nor stay attached (AppenderMetricsAndHealthTest expects no mailtrail appender of its own)
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger logger : logback.getLoggerList()) {
            List<Appender<ILoggingEvent>> mailtrail = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> a = it.next();
                if (a instanceof ElasticsearchAppender) {
                    mailtrail.add(a);
                }
            }
            mailtrail.forEach(a -> {
                logger.detachAppender(a);
                a.stop();
            });
        }
        // what a failed test's appender reported on stopping (events it could not deliver) is no configuration error
        // of the next application: Boot would refuse to start it over those
        logback.getStatusManager().clear();
    }

    @Test
    void aSecuredClustersUserPasswordAndCaCertificateReachTheAppender(@TempDir Path dir) throws Exception {
        Tls tls = Tls.selfSigned(dir);
        try (FakeElasticsearch es = FakeElasticsearch.https(tls.serverContext());
             ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             ConfigurableApplicationContext app = start(smtp, es,
                     "mailtrail.elasticsearch.username=mailtrail_writer",
                     "mailtrail.elasticsearch.password=es-secret-579",
                     // the JVM does not trust the node's self-signed certificate: only this CA file lets the appender in
                     "mailtrail.elasticsearch.ca-certificate=" + tls.caPem())) {
            assertThat(readmeAppender(app).isStarted()).isTrue();
            app.getBean(Mailer.class).welcome("alice@customer.example");

            FakeElasticsearch.Bulk bulk = es.awaitBulk();
            assertThat(bulk.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("mailtrail_writer:es-secret-579".getBytes(StandardCharsets.UTF_8)));
            assertThat(bulk.documents()).singleElement().satisfies(d -> {
                assertThat(d.path(Fields.EVENT_OUTCOME.name()).asText()).isEqualTo("success");
                assertThat(d.path(Fields.SERVICE_NAME.name()).asText()).isEqualTo("shop");
            });
            assertThat(bulk.body()).contains("logs-mailtrail.calls-" + NAMESPACE).doesNotContain("es-secret-579", "alice@");
        }
    }

    @Test
    void anApiKeyPropertyIsSentAsTheApiKey() throws Exception {
        try (FakeElasticsearch es = FakeElasticsearch.http();
             ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             ConfigurableApplicationContext app = start(smtp, es, "mailtrail.elasticsearch.api-key=ZXMtYXBpLWtleS0xMzU=")) {
            app.getBean(Mailer.class).welcome("bob@customer.example");
            assertThat(es.awaitBulk().authorization()).isEqualTo("ApiKey ZXMtYXBpLWtleS0xMzU=");
        }
    }

    /** username, password, api-key and ca-certificate not set: the snippet hands the appender "", which means none. */
    @Test
    void propertiesLeftUnsetMeanNoCredentialsAndTheJvmsTrust() throws Exception {
        try (FakeElasticsearch es = FakeElasticsearch.http();
             ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             ConfigurableApplicationContext app = start(smtp, es)) {
            for (String unset : List.of("username", "password", "api-key", "ca-certificate")) {
                assertThat(app.getEnvironment().getProperty("mailtrail.elasticsearch." + unset)).as(unset).isNull();
            }
            assertThat(readmeAppender(app).isStarted()).as("the appender took the empty values as not set").isTrue();
            app.getBean(Mailer.class).welcome("carol@customer.example");
            FakeElasticsearch.Bulk bulk = es.awaitBulk();
            assertThat(bulk.authorization()).isNull();
            assertThat(bulk.documents()).hasSize(1);
        }
    }

    @Test
    void theServiceNamePropertyOverridesTheApplicationNameInTheEvent() throws Exception {
        try (FakeElasticsearch es = FakeElasticsearch.http();
             ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             ConfigurableApplicationContext app = start(smtp, es, "mailtrail.service-name=checkout")) {
            try (CallEvents events = new CallEvents()) {
                app.getBean(Mailer.class).welcome("dave@customer.example");
                assertThat(get(events.only(), Fields.SERVICE_NAME)).isEqualTo("checkout");
            }
            // the appender's own serviceName (spring.application.name in the snippet) does not overwrite it
            assertThat(es.awaitBulk().documents()).singleElement()
                    .satisfies(d -> assertThat(d.path(Fields.SERVICE_NAME.name()).asText()).isEqualTo("checkout"));
        }
    }

    private static ConfigurableApplicationContext start(ScriptedSmtpServer smtp, FakeElasticsearch es, String... more) {
        return new SpringApplicationBuilder(MailApplication.class).properties(ReadmeRecipe.properties(es.url(), NAMESPACE, smtp, more)).run();
    }

    private static ElasticsearchAppender readmeAppender(ConfigurableApplicationContext app) {
        return app.getBean(MailtrailAppenders.class).named("MAILTRAIL").orElseThrow();
    }

    /** A key pair and self-signed certificate for 127.0.0.1 made by the JDK's keytool, and its PEM for the appender. */
    private record Tls(Path keyStore, Path caPem) {

        private static final String PASSWORD = "changeit";

        static Tls selfSigned(Path dir) throws IOException, InterruptedException {
            Path keyStore = dir.resolve("es.p12");
            Path pem = dir.resolve("es-ca.pem");
            keytool("-genkeypair", "-alias", "es", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "es", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", pem.toString());
            return new Tls(keyStore, pem);
        }

        private static void keytool(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
            assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
        }

        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        }
    }

    /** Answers {@code POST /_bulk} as Elasticsearch does when it stored every item, and records each request. */
    static final class FakeElasticsearch implements AutoCloseable {

        record Bulk(String authorization, String body) {
            /** The document lines (every second line; the others are the actions). */
            List<JsonNode> documents() throws IOException {
                List<JsonNode> docs = new ArrayList<>();
                String[] lines = body.split("\n");
                for (int i = 1; i < lines.length; i += 2) {
                    docs.add(JSON.readTree(lines[i]));
                }
                return docs;
            }
        }

        private final HttpServer server;
        private final String scheme;
        private final List<Bulk> bulks = new CopyOnWriteArrayList<>();

        private FakeElasticsearch(HttpServer server, String scheme) {
            this.server = server;
            this.scheme = scheme;
            server.createContext("/", this::answer);
            server.start();
        }

        static FakeElasticsearch http() throws IOException {
            return new FakeElasticsearch(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
        }

        static FakeElasticsearch https(SSLContext tls) throws IOException {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeElasticsearch(server, "https");
        }

        String url() {
            return scheme + "://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                exchange.getRequestBody().transferTo(body);
                String text = body.toString(StandardCharsets.UTF_8);
                if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/_bulk")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                bulks.add(new Bulk(exchange.getRequestHeaders().getFirst("Authorization"), text));
                long items = text.lines().filter(l -> !l.isBlank()).count() / 2;
                StringBuilder answer = new StringBuilder("{\"took\":1,\"errors\":false,\"items\":[");
                for (int i = 0; i < items; i++) {
                    answer.append(i == 0 ? "" : ",").append("{\"create\":{\"_index\":\"fake\",\"status\":201,\"result\":\"created\"}}");
                }
                byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        /** The first {@code _bulk} request, once it came (the appender ships on its own thread, about every second). */
        Bulk awaitBulk() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bulks.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(bulks).as("_bulk requests to %s", url()).isNotEmpty();
            return bulks.get(0);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
