package io.mailtrail.tracker.readme;

import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.testsupport.webhook.WebhookSignatures;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.delivery.DeliveryMappers;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.httpcall.ExceptionResponses;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.webhook.Verification;
import io.mailtrail.tracker.webhook.WebhookReceiver;
import io.mailtrail.tracker.webhook.WebhookVerifiers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.net.http.HttpRequest.BodyPublishers.ofString;
import static java.net.http.HttpResponse.BodyHandlers.ofString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The tracker README's snippets of SDK and webhook support, compiled and run; the README must contain them. */
class ReadmeSdkSnippetsTest {

    private static final Path SOURCE = Path.of("src/test/java/io/mailtrail/tracker/readme/ReadmeSdkSnippetsTest.java");
    private final CapturedEvents events = new CapturedEvents();
    private final MailTracker tracker = MailTracker.builder().loggerFactory(events.loggerFactory()).build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Email email = Email.builder("sendgrid").build();

    /** Stands for an SDK's exception type that holds the HTTP response. */
    static final class ProviderHttpException extends RuntimeException {
        private final int status;
        private final String body;

        ProviderHttpException(int status, String body) {
            super("HTTP " + status);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        Map<String, List<String>> headers() {
            return Map.of();
        }

        String body() {
            return body;
        }
    }

    @Test
    void jdkWithTheRequest() throws Exception {
        try (FakeProviderServer fake = FakeProviderServer.start(Provider.SENDGRID)) {
            URI sendUri = fake.sendUri();
            String json = "{}";
            // README:jdk-request
            HttpRequest req = HttpRequest.newBuilder(sendUri).POST(ofString(json)).build();
            HttpResponse<String> r = tracker.track(email, () -> client.send(req, ofString()),
                    HttpCalls.jdk(HttpProviders.sendgrid(), req));   // endpoint recorded even with no response
            // README:end
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(events.onlyCall()).containsEntry("url.path", "/v3/mail/send");
        }
    }

    @Test
    void exceptionsCarryingTheResponse() {
        // README:exception-responses
        CallClassifier<Object> classifier = HttpCalls.<Object>of(HttpProviders.postmark(), response -> null)
                .withExceptionResponses(ExceptionResponses.of(ProviderHttpException.class,
                        e -> new HttpResponseView(e.status(), e.headers(), e.body())));
        // README:end
        Throwable thrown = catchThrowable(() -> tracker.track(Email.builder("postmark").build(), () -> {
            throw new ProviderHttpException(422, "{\"ErrorCode\":406,\"Message\":\"You tried to send to a recipient that has been marked as inactive.\"}");
        }, classifier));
        assertThat(thrown).isInstanceOf(ProviderHttpException.class);
        assertThat(events.onlyCall()).containsEntry("http.response.status_code", 422)
                .containsEntry("error.code", "406")
                .doesNotContainEntry("mailtrail.error.category", "unknown");
    }

    @Test
    void verifiedWebhooks() throws Exception {
        KeyPair sendgridKeys = WebhookSignatures.sendgridKeys();
        String publicKey = WebhookSignatures.sendgridVerificationKey(sendgridKeys);
        byte[] requestBody = "[{\"email\":\"a@example.org\",\"timestamp\":1795780800,\"event\":\"delivered\",\"sg_message_id\":\"m1.filter\"}]"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> requestHeaders = new HashMap<>();
        WebhookSignatures.sendgridHeaders(sendgridKeys, Instant.now(), requestBody).forEach((k, v) -> requestHeaders.put(k, List.of(v)));
        DeliveryEventLogger deliveries = DeliveryEventLogger.builder().loggerFactory(events.loggerFactory()).build();
        // README:webhook
        WebhookReceiver sendgridHook = new WebhookReceiver(WebhookVerifiers.sendgrid(publicKey).build(),
                DeliveryMappers.sendgrid(), deliveries);
        Verification v = sendgridHook.receive(requestHeaders, requestBody);   // the body's bytes as received
        int status = v.accepted() ? 200 : 403;                                // a rejected request logs nothing
        // README:end
        assertThat(status).isEqualTo(200);
        assertThat(events.deliveries()).hasSize(1);
        assertThat(sendgridHook.receive(requestHeaders, requestBody).accepted()).as("replayed").isFalse();
    }

    @Test
    void theReadmeHoldsTheSnippets() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String name : List.of("jdk-request", "exception-responses", "webhook")) {
            assertThat(readme).as(name).contains(io.mailtrail.testsupport.readme.ReadmeSnippets.snippet(SOURCE, name));
        }
    }
}
