package io.mailtrail.tracker.httpcall;

import com.sun.net.httpserver.HttpServer;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.RecordingDelays;
import io.mailtrail.tracker.http.HttpCallResult;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.mailtrail.tracker.trace.Tracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP glue against a real local HTTP server. The provider classifier here is a small stand-in written
 * against the contract ({@link ProviderResponseClassifier}); the real ones are tested in their own package.
 */
class HttpCallsTest {

    /** Reads status, x-message-id and Retry-After the way the SendGrid classifier does. */
    private static final ProviderResponseClassifier STAND_IN = new ProviderResponseClassifier() {
        @Override
        public String provider() {
            return "sendgrid";
        }

        @Override
        public HttpCallResult classify(HttpResponseView r) {
            if (r.status() / 100 == 2) {
                return new HttpCallResult(Outcome.SUCCESS, r.header("X-Message-Id").orElse(null), null, false, null, null, null,
                        r.header("X-RateLimit-Remaining").map(Long::valueOf).orElse(null));
            }
            ErrorCategory c = r.status() == 429 ? ErrorCategory.RATE_LIMITED : ErrorCategory.PROVIDER_UNAVAILABLE;
            Duration after = r.header("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null);
            return new HttpCallResult(Outcome.FAILURE, null, c, true, String.valueOf(r.status()), r.body(), after, 0L);
        }
    };

    private final CapturedEvents events = new CapturedEvents();
    private final RecordingDelays delays = new RecordingDelays();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/mail/send", exchange -> {
            int n = requests.incrementAndGet();
            byte[] body;
            if (n == 1) {
                exchange.getResponseHeaders().add("Retry-After", "3");
                body = "{\"errors\":[{\"message\":\"too many requests\"}]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(429, body.length);
            } else {
                exchange.getResponseHeaders().add("X-Message-Id", "<14c5d75ce93.dfd.64b469@ismtpd-555>");
                exchange.getResponseHeaders().add("X-RateLimit-Remaining", "57");
                body = new byte[0];
                exchange.sendResponseHeaders(202, -1);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void jdkResponsesAreClassifiedRetriedAndDescribed() throws Exception {
        MailTracker tracker = MailTracker.builder().retryPolicy(RetryPolicy.builder().build()).delays(delays)
                .tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3/mail/send?api_key=SECRET123");
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer SECRET123")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        HttpResponse<String> response = tracker.track(Email.builder("sendgrid").to("a@example.org").build(),
                () -> client.send(request, HttpResponse.BodyHandlers.ofString()), HttpCalls.jdk(STAND_IN));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(delays.asked).containsExactly(Duration.ofSeconds(3));
        List<Map<String, Object>> e = events.calls();
        assertThat(e.get(0)).containsEntry("http.response.status_code", 429)
                .containsEntry("mailtrail.error.category", "rate_limited")
                .containsEntry("mailtrail.rate_limit.retry_after_ms", 3000)
                .containsEntry("error.code", "429")
                .containsEntry("error.message", "{\"errors\":[{\"message\":\"too many requests\"}]}");
        assertThat(e.get(1)).containsEntry("event.outcome", "success")
                .containsEntry("email.message_id", "14c5d75ce93.dfd.64b469@ismtpd-555")
                .containsEntry("mailtrail.rate_limit.remaining", 57)
                .containsEntry("http.request.method", "POST")
                .containsEntry("url.domain", "127.0.0.1")
                .containsEntry("url.path", "/v3/mail/send")
                .containsEntry("destination.port", server.getAddress().getPort());
        assertThat(events.callJson()).noneMatch(json -> json.contains("SECRET123"));
    }

    @Test
    void connectionRefusedIsANetworkFailureWithTheEndpoint() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        MailTracker tracker = MailTracker.builder().tracing(Tracing.mdcOnly()).loggerFactory(events.loggerFactory()).build();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v3/mail/send");

        Exception thrown = null;
        try {
            tracker.track(Email.builder("sendgrid").build(),
                    () -> client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()),
                    HttpCalls.of(STAND_IN, (HttpResponse<String> r) -> new HttpResponseView(r.statusCode(), r.headers().map(), r.body()),
                            "POST", uri));
        } catch (IOException e) {
            thrown = e;
        }

        assertThat(thrown).isInstanceOf(java.net.ConnectException.class);
        assertThat(events.onlyCall()).containsEntry("event.outcome", "failure")
                .containsEntry("mailtrail.error.category", "network")
                .containsEntry("url.path", "/v3/mail/send")
                .containsEntry("destination.domain", "127.0.0.1");
    }
}
