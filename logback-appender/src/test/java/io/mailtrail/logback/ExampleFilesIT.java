package io.mailtrail.logback;

import ch.qos.logback.classic.LoggerContext;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/logback.xml loaded as a whole file against the real node: log, stop, every event indexed. */
@ExtendWith(ElasticsearchExtension.class)
class ExampleFilesIT {

    /** What a user sets in the environment for this node: the URL, and credentials and CA only if it has them. */
    static Map<String, String> environment(ElasticsearchNode es, String namespace) {
        Map<String, String> env = new HashMap<>();
        env.put("ES_URL", es.url().toString());
        env.put("ES_NAMESPACE", namespace);
        es.writerUsername().or(es::username).ifPresent(u -> env.put("ES_USERNAME", u));
        es.writerPassword().or(es::password).ifPresent(p -> env.put("ES_PASSWORD", p));
        es.caCertificate().ifPresent(ca -> env.put("ES_CA", ca.toString()));
        return env;
    }

    @Test
    void logbackXmlAsWrittenDeliversEveryEventByStop(ElasticsearchNode es, @TempDir Path tmp) throws Exception {
        String ns = EsOps.freshNamespace();
        LoggerContext ctx = ExampleFiles.load("logback.xml", environment(es, ns), tmp);
        ElasticsearchAppender appender = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
        assertThat(appender.isStarted()).isTrue();
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            ctx.getLogger("app.example").info("example event {}", i);
        }
        ctx.stop(); // what <shutdownHook/> does at JVM exit
        assertThat(appender.getMetrics().sent()).as("%s", appender.getMetrics()).isEqualTo(n);
        try (RestClient c = es.restClient()) {
            assertThat(EsOps.count(c, "logs-myapp-" + ns)).isEqualTo(n);
        }
        assertThat(tmp.resolve("mailtrail-spool-myapp")).isDirectory();
    }
}
