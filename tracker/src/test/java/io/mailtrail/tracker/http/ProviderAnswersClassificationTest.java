package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import io.mailtrail.testsupport.Answer;
import io.mailtrail.testsupport.FakeProviderServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Real JDK HttpClient responses from mailtrail-test-support's server that answers like each provider, turned into
 * views and classified by the tracker: the fake's answers read as the providers' own.
 */
class ProviderAnswersClassificationTest {

    static final java.util.List<String> PROVIDERS = HttpProviders.NAMES;

    private static HttpClient client;

    @BeforeAll
    static void client() {
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void closeClient() {
        client = null;
    }

    private static HttpCallResult send(FakeProviderServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.sendUri())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"hello\"}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return HttpProviders.forName(server.provider().id()).classify(HttpResponseView.of(response));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void scriptedSequenceIsClassifiedLikeTheProvider(String provider) throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(provider)) {
            Answer accepted = server.accepted();
            server.script(server.rateLimited(Duration.ofSeconds(2)), server.unavailable(), server.authenticationFailure(), accepted);

            HttpCallResult limited = send(server);
            assertThat(limited.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(limited.errorCategory()).isEqualTo(ErrorCategory.RATE_LIMITED);
            assertThat(limited.retryable()).isTrue();
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));

            HttpCallResult unavailable = send(server);
            assertThat(unavailable.errorCategory()).isEqualTo(ErrorCategory.PROVIDER_UNAVAILABLE);
            assertThat(unavailable.retryable()).isTrue();
            assertThat(unavailable.retryAfter()).isNull();

            HttpCallResult auth = send(server);
            assertThat(auth.errorCategory()).isEqualTo(ErrorCategory.AUTHENTICATION);
            assertThat(auth.retryable()).isFalse();

            HttpCallResult ok = send(server);
            assertThat(ok.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(ok.messageId()).isNotBlank().isEqualTo(accepted.messageId()).doesNotContain("<", ">");

            // script used up: the server keeps accepting with fresh ids
            HttpCallResult more = send(server);
            assertThat(more.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(more.messageId()).isNotBlank().isNotEqualTo(ok.messageId());

            assertThat(server.pendingAnswers()).isZero();
            assertThat(server.requests()).hasSize(5).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo(server.sendUri().getPath());
                assertThat(r.header("authorization")).isEqualTo("Bearer test-key");
                assertThat(r.body()).isEqualTo("{\"subject\":\"hello\"}");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({
            "sendgrid, 599",
            "resend, 1",
    })
    void rateLimitHeadersOfARealResponseAreRead(String provider, long remaining) throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(provider)) {
            assertThat(send(server).rateLimitRemaining()).isEqualTo(remaining);
        }
    }

    @Test
    void viewOfARealResponseIsCaseInsensitiveAndKeepsEveryValue() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start("sendgrid")) {
            server.script(Answer.of(202, "")
                    .withHeader("X-Message-Id", "W86EgYT6SQKk0lRflfLRsA")
                    .withHeader("X-Multi", "one", "two"));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.sendUri())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponseView view = HttpResponseView.of(response);

            assertThat(view.status()).isEqualTo(202);
            assertThat(view.header("X-MESSAGE-ID")).contains("W86EgYT6SQKk0lRflfLRsA");
            assertThat(view.header("x-message-id")).contains("W86EgYT6SQKk0lRflfLRsA");
            assertThat(view.headers().get("x-multi")).containsExactly("one", "two");
            assertThat(HttpProviders.sendgrid().classify(view).messageId()).isEqualTo("W86EgYT6SQKk0lRflfLRsA");
        }
    }

    @Test
    void delayedAnswerLetsAClientTimeOut() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start("postmark")) {
            server.script(server.accepted().withDelay(Duration.ofMillis(1500)));
            HttpRequest request = HttpRequest.newBuilder(server.sendUri()).timeout(Duration.ofMillis(200))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(server.requests()).hasSize(1);
        }
    }
}
