package io.mailtrail.tracker.httpcall;

import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link HttpCalls#jdk} with the request known and any body type, and responses carried inside exceptions. */
class HttpCallsRequestAndExceptionTest {

    private final CapturedEvents events = new CapturedEvents();
    private final MailTracker tracker = MailTracker.builder().loggerFactory(events.loggerFactory()).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Email email = Email.builder("sendgrid").build();

    @Test
    void aRefusedConnectionStillRecordsMethodHostPortAndPathButNotTheQuery() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/v3/mail/send?api_key=SECRET"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        Throwable thrown = catchThrowable(() -> tracker.track(email, () -> client.send(request, HttpResponse.BodyHandlers.ofString()),
                HttpCalls.jdk(HttpProviders.sendgrid(), request)));

        assertThat(thrown).isInstanceOf(IOException.class);
        assertThat(events.onlyCall()).containsEntry("http.request.method", "POST")
                .containsEntry("url.domain", "127.0.0.1")
                .containsEntry("url.path", "/v3/mail/send")
                .containsEntry("destination.port", closed)
                .containsEntry("mailtrail.error.category", "network")
                .doesNotContainKey("http.response.status_code");
        assertThat(events.callJson().get(0)).doesNotContain("SECRET");
    }

    @Test
    void byteArrayAndDiscardedBodiesAreClassifiedToo() throws Exception {
        try (FakeProviderServer sendgrid = FakeProviderServer.start(Provider.SENDGRID)) {
            sendgrid.script(sendgrid.rateLimited(Duration.ofSeconds(2)), sendgrid.accepted("sg-bytes"));
            HttpRequest request = HttpRequest.newBuilder(sendgrid.sendUri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build();

            HttpResponse<byte[]> limited = tracker.track(email, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()),
                    HttpCalls.jdk(HttpProviders.sendgrid(), request));
            HttpResponse<Void> accepted = tracker.track(email, () -> client.send(request, HttpResponse.BodyHandlers.discarding()),
                    HttpCalls.jdk(HttpProviders.sendgrid()));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(accepted.statusCode()).isEqualTo(202);
            List<Map<String, Object>> calls = events.calls();
            assertThat(calls.get(0)).containsEntry("mailtrail.error.category", "rate_limited")
                    .containsEntry("error.message", "too many requests")
                    .containsEntry("mailtrail.rate_limit.retry_after_ms", 2000)
                    .containsEntry("url.path", "/v3/mail/send");
            assertThat(calls.get(1)).containsEntry("event.outcome", "success").containsEntry("email.message_id", "sg-bytes");
        }
    }

    /** What SDKs that throw on 4xx/5xx look like: status, headers and body in the exception. */
    static final class ApiException extends RuntimeException {
        final int status;
        final Map<String, List<String>> headers;
        final String body;

        ApiException(int status, Map<String, List<String>> headers, String body) {
            super("HTTP " + status);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    @Test
    void anExceptionCarryingTheResponseIsClassifiedFromIt() {
        HttpCallClassifier<Object> classifier = HttpCalls.<Object>of(HttpProviders.resend(), r -> null)
                .withExceptionResponses(ExceptionResponses.of(ApiException.class, e -> new HttpResponseView(e.status, e.headers, e.body)));
        ApiException quota = new ApiException(429, Map.of("retry-after", List.of("30")),
                "{\"statusCode\":429,\"message\":\"You have reached your daily email sending quota.\",\"name\":\"daily_quota_exceeded\"}");

        Throwable thrown = catchThrowable(() -> tracker.track(email, () -> {
            throw new IllegalStateException("send failed", quota);   // found as a cause too
        }, classifier));
        Throwable plain = catchThrowable(() -> tracker.track(email, () -> {
            throw new IllegalStateException("no response inside");
        }, classifier));

        assertThat(thrown).hasCause(quota);
        assertThat(plain).hasMessage("no response inside");
        List<Map<String, Object>> calls = events.calls();
        assertThat(calls.get(0)).containsEntry("mailtrail.error.category", "quota_exceeded")
                .containsEntry("error.code", "daily_quota_exceeded")
                .containsEntry("http.response.status_code", 429)
                .containsEntry("error.type", IllegalStateException.class.getName());
        assertThat(calls.get(1)).containsEntry("mailtrail.error.category", "unknown");
    }

    @Test
    void aThrowingExtractorIsIgnored() {
        ExceptionResponses broken = e -> {
            throw new IllegalArgumentException("boom");
        };
        assertThat(broken.find(new RuntimeException("x"))).isNull();
        assertThat(broken.orElse(ExceptionResponses.of(ApiException.class, e -> new HttpResponseView(e.status, Map.of(), e.body)))
                .find(new RuntimeException(new ApiException(500, Map.of(), "")))).as("the first one throws: nothing").isNull();
        assertThat(ExceptionResponses.none().orElse(ExceptionResponses.of(ApiException.class, e -> new HttpResponseView(e.status, Map.of(), e.body)))
                .find(new RuntimeException(new ApiException(500, Map.of(), "")))).extracting(HttpResponseView::status).isEqualTo(500);
    }
}
