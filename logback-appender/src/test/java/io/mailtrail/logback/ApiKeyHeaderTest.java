package io.mailtrail.logback;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node of the test suite cannot create API keys, so the {@code ApiKey} header is checked at a local HTTP
 * server that answers {@code _bulk} like Elasticsearch (every item created).
 */
class ApiKeyHeaderTest {

    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_bulk", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            bodies.add(body);
            long items = body.lines().count() / 2;
            StringBuilder answer = new StringBuilder("{\"took\":1,\"errors\":false,\"items\":[");
            for (int i = 0; i < items; i++) {
                answer.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":201}}");
            }
            byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheApiKeyHeaderAndNeverPrintsTheKey() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setUrl(url);
            a.setApiKey(API_KEY);
            a.setFlushIntervalMillis(50);
        })) {
            assertThat(h.appender.isStarted()).isTrue();
            h.logger("app").info("hello {}", "world");
            h.stop();
            assertThat(h.appender.getMetrics().sent()).isEqualTo(1);
            assertThat(authorizations).containsOnly("ApiKey " + API_KEY);
            assertThat(bodies.get(0)).contains("\"create\"").contains("hello world");
            assertThat(h.allStatusText()).doesNotContain(API_KEY);
            assertThat(h.appender.toString()).doesNotContain(API_KEY).contains(url);
        }
    }
}
