package io.mailtrail.logback;

import ch.qos.logback.classic.LoggerContext;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example files loaded as whole files against the real node: log, stop, every event indexed. logback.xml by
 * Logback's own configurator; logback-spring.xml by Spring Boot's logging system in a Spring Boot application.
 */
@ExtendWith(ElasticsearchExtension.class)
class ExampleFilesIT {

    /** What a user sets in the environment for this node: the URL, and credentials and CA only if it has them. */
    static Map<String, String> environment(ElasticsearchNode es, String namespace) {
        Map<String, String> env = new HashMap<>();
        env.put("ES_URL", es.url().toString());
        env.put("ES_NAMESPACE", namespace);
        // the default 10 s is plenty on a quiet machine; a build machine shared with other builds may index only a
        // few hundred events per second
        env.put("MAILTRAIL_SHUTDOWN_TIMEOUT_MILLIS", "120000");
        es.writerUsername().or(es::username).ifPresent(u -> env.put("ES_USERNAME", u));
        es.writerPassword().or(es::password).ifPresent(p -> env.put("ES_PASSWORD", p));
        es.caCertificate().ifPresent(ca -> env.put("ES_CA", ca.toString()));
        return env;
    }

    /**
     * Logs one event and waits until it is indexed: the index then exists with its mapping, as in an application
     * that has been running a while. Creating an index and its mapping takes the test node several seconds when
     * the machine is busy, which is the cluster's time, not the appender's.
     */
    static void warmUp(RestClient c, String index, Runnable logOne) throws Exception {
        logOne.run();
        long end = System.nanoTime() + 120_000_000_000L;
        while (EsOps.count(c, index) < 1 && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(EsOps.count(c, index)).as("warm-up event indexed").isEqualTo(1);
    }

    @Test
    void logbackXmlAsWrittenDeliversEveryEventByStop(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        String ns = EsOps.freshNamespace();
        LoggerContext ctx = ExampleFiles.load("logback.xml", environment(es, ns), tmp);
        ElasticsearchAppender appender = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
        assertThat(appender.isStarted()).isTrue();
        int n = 1_000;
        try (RestClient c = es.restClient()) {
            warmUp(c, "logs-myapp-" + ns, () -> ctx.getLogger("app.example").info("warm-up"));
            for (int i = 0; i < n; i++) {
                ctx.getLogger("app.example").info("example event {}", i);
            }
            ctx.stop(); // what <shutdownHook/> does at JVM exit
            assertThat(appender.getMetrics().sent()).as("%s", appender.getMetrics()).isEqualTo(n + 1);
            assertThat(EsOps.count(c, "logs-myapp-" + ns)).isEqualTo(n + 1);
        }
        assertThat(tmp.resolve("mailtrail-spool-myapp")).isDirectory();
    }

    /** An application with nothing in it: only its logging matters here. */
    @SpringBootConfiguration
    static class EmptyApplication {
    }

    @Test
    void logbackSpringXmlAsWrittenDeliversEveryEventWhenBootShutsDown(ElasticsearchNode es, @TempDir Path tmp)
            throws Exception {
        String ns = EsOps.freshNamespace();
        Map<String, String> env = environment(es, ns);
        Map<String, Object> properties = new HashMap<>();
        properties.put("logging.config", "file:" + ExampleFiles.file("logback-spring.xml").toAbsolutePath());
        properties.put("spring.application.name", "exampleapp");
        properties.put("mailtrail.elasticsearch.url", env.get("ES_URL"));
        properties.put("mailtrail.elasticsearch.namespace", ns);
        if (env.containsKey("ES_USERNAME")) {
            properties.put("mailtrail.elasticsearch.username", env.get("ES_USERNAME"));
            properties.put("mailtrail.elasticsearch.password", env.get("ES_PASSWORD"));
        }
        if (env.containsKey("ES_CA")) {
            properties.put("mailtrail.elasticsearch.ca-certificate", env.get("ES_CA"));
        }
        String savedTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        System.setProperty("MAILTRAIL_SHUTDOWN_TIMEOUT_MILLIS", env.get("MAILTRAIL_SHUTDOWN_TIMEOUT_MILLIS"));
        ElasticsearchAppender appender;
        int n = 1_000;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EmptyApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            ch.qos.logback.classic.LoggerContext ctx = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            appender = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
            assertThat(appender).as("the ELASTIC appender of logback-spring.xml").isNotNull();
            assertThat(appender.isStarted()).isTrue();
            assertThat(ctx.getLogger("ROOT").getAppender("CONSOLE")).as("Boot's console appender").isNotNull();
            org.slf4j.Logger log = LoggerFactory.getLogger("app.example");
            try (RestClient c = es.restClient()) {
                // Boot's startup lines create the index; wait for them
                long end = System.nanoTime() + 120_000_000_000L;
                while (EsOps.count(c, "logs-myapp-" + ns) < 1 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
            }
            for (int i = 0; i < n; i++) {
                log.info("spring example event {}", i);
            }
        } finally {
            System.setProperty("java.io.tmpdir", savedTmp);
            // what Boot's shutdown hook (logging.register-shutdown-hook) runs at JVM exit: it stops Logback
            LoggingSystem.get(getClass().getClassLoader()).getShutdownHandler().run();
            System.clearProperty("MAILTRAIL_SHUTDOWN_TIMEOUT_MILLIS");
        }
        assertThat(appender.isStarted()).isFalse();
        assertThat(appender.getMetrics().sent()).as("%s", appender.getMetrics()).isGreaterThanOrEqualTo(n);
        try (RestClient c = es.restClient()) {
            // Boot's own startup lines go there too: count the application's events by their logger
            assertThat(EsOps.count(c, "logs-myapp-" + ns)).isGreaterThanOrEqualTo(n);
            assertThat(EsOps.get(c, "/logs-myapp-" + ns + "/_count?q=log.logger:%22app.example%22").get("count").asLong())
                    .isEqualTo(n);
            assertThat(EsOps.get(c, "/logs-myapp-" + ns + "/_count?q=service.name:exampleapp").get("count").asLong())
                    .as("every event carries service.name from spring.application.name").isGreaterThanOrEqualTo(n);
        }
        assertThat(tmp.resolve("mailtrail-spool-exampleapp")).isDirectory();
    }
}
