package io.mailtrail.logback;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node of the test suite cannot create API keys, so the {@code ApiKey} header is checked at a local server. */
class ApiKeyHeaderTest {

    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    @Test
    void sendsTheApiKeyHeaderAndNeverPrintsTheKey() throws Exception {
        try (LocalBulkServer server = new LocalBulkServer();
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setUrl(server.url());
                 a.setApiKey(API_KEY);
                 a.setFlushIntervalMillis(50);
             })) {
            assertThat(h.appender.isStarted()).isTrue();
            h.logger("app").info("hello {}", "world");
            h.stop();
            assertThat(h.appender.getMetrics().sent()).isEqualTo(1);
            assertThat(server.authorizations).containsOnly("ApiKey " + API_KEY);
            assertThat(server.bodies.get(0)).contains("\"create\"").contains("hello world");
            assertThat(h.allStatusText()).doesNotContain(API_KEY);
            assertThat(h.appender.toString()).doesNotContain(API_KEY).contains(server.url());
        }
    }
}
