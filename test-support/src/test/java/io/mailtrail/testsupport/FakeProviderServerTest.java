package io.mailtrail.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeProviderServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return post(uri, body, Duration.ofSeconds(10));
    }

    private HttpResponse<String> post(URI uri, String body, Duration timeout) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void unscriptedRequestsAreAcceptedWithFreshIdsInTheProvidersPlace(Provider provider) throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(provider)) {
            HttpResponse<String> first = post(server.sendUri(), "{}");
            HttpResponse<String> second = post(server.sendUri(), "{}");

            String id1 = server.requests().get(0).answer().messageId();
            String id2 = server.requests().get(1).answer().messageId();
            assertThat(id1).isNotBlank().isNotEqualTo(id2).doesNotContain("<", ">");
            assertThat(first.statusCode()).isEqualTo(provider == Provider.SENDGRID ? 202 : 200);
            switch (provider) {
                case SENDGRID -> assertThat(first.headers().firstValue("X-Message-Id")).contains(id1);
                case SES -> {
                    assertThat(first.body()).isEqualTo("{\"MessageId\":\"" + id1 + "\"}");
                    assertThat(first.headers().firstValue("x-amzn-RequestId")).isPresent();
                }
                case SES_CLASSIC -> assertThat(first.body()).contains("<SendEmailResponse", "<SendEmailResult>",
                        "<MessageId>" + id1 + "</MessageId>", "<RequestId>").doesNotContain(FakeProviderServer.ACTION_PLACEHOLDER);
                case MAILGUN -> assertThat(first.body()).contains("\"id\":\"<" + id1 + ">\"").endsWith("@" + FakeProviderServer.MAILGUN_DOMAIN + ">\",\"message\":\"Queued. Thank you.\"}");
                case POSTMARK -> assertThat(first.body()).contains("\"MessageID\":\"" + id1 + "\"", "\"ErrorCode\":0");
                case RESEND -> assertThat(first.body()).isEqualTo("{\"id\":\"" + id1 + "\"}");
            }
            assertThat(second.statusCode()).isEqualTo(first.statusCode());
            assertThat(server.requests()).hasSize(2).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo(provider.sendPath());
                assertThat(r.header("authorization")).as("header names are case-insensitive").isEqualTo("Bearer test-key");
                assertThat(r.body()).isEqualTo("{}");
            });
        }
    }

    @Test
    void sesV2ErrorsCarryTheirCodeInTheErrorTypeHeader() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(ses.error(400, "MessageRejected", "Email address is not verified."),
                    ses.rateLimited(null),
                    ses.error(400, "AccountSuspendedException", "Account \"suspended\""));
            HttpResponse<String> rejected = post(ses.sendUri(), "{}");
            HttpResponse<String> throttled = post(ses.sendUri(), "{}");
            HttpResponse<String> suspended = post(ses.sendUri(), "{}");

            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(rejected.headers().firstValue("x-amzn-ErrorType")).contains("MessageRejected");
            assertThat(rejected.body()).isEqualTo("{\"message\":\"Email address is not verified.\"}");
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).contains("TooManyRequestsException");
            assertThat(suspended.body()).as("JSON escaped").isEqualTo("{\"message\":\"Account \\\"suspended\\\"\"}");
            assertThat(ses.pendingAnswers()).isZero();
        }
    }

    @Test
    void classicSesAnswersTheRequestedActionInXml() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start("ses-classic")) {
            ses.script(ses.accepted("raw-1"), ses.rateLimited(Duration.ofSeconds(3)), ses.error(400, "AccountSendingPausedException", "Sending paused <for> account"));
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(ses.sendUri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=SendRawEmail&Version=2010-12-01&RawMessage.Data=U3ViamVjdDogaGk%3D"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> throttled = post(ses.sendUri(), "Action=SendEmail");
            HttpResponse<String> paused = post(ses.sendUri(), "Action=SendEmail");

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("<SendRawEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">",
                    "<SendRawEmailResult>", "<MessageId>raw-1</MessageId>", "</SendRawEmailResponse>");
            assertThat(ses.requests().get(0).formParameters()).containsEntry("Action", "SendRawEmail")
                    .containsEntry("RawMessage.Data", "U3ViamVjdDogaGk=");
            assertThat(throttled.statusCode()).as("classic SES throttles with a 400").isEqualTo(400);
            assertThat(throttled.body()).contains("<Code>Throttling</Code>", "<Message>Maximum sending rate exceeded.</Message>", "<Type>Sender</Type>");
            assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
            assertThat(paused.body()).contains("<Code>AccountSendingPausedException</Code>", "Sending paused &lt;for&gt; account");
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void cannedFailuresHaveTheProvidersStatuses(Provider provider) throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(provider)) {
            server.script(server.rateLimited(Duration.ofSeconds(2)), server.unavailable(), server.serverError(), server.authenticationFailure());
            int limited = post(server.sendUri(), "{}").statusCode();
            HttpResponse<String> unavailable = post(server.sendUri(), "{}");
            int error = post(server.sendUri(), "{}").statusCode();
            int auth = post(server.sendUri(), "{}").statusCode();

            assertThat(limited).isEqualTo(provider == Provider.SES_CLASSIC ? 400 : 429);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(server.requests().get(0).answer().header("retry-after")).isEqualTo("2");
            assertThat(error).isEqualTo(500);
            assertThat(auth).isIn(401, 403);
            assertThat(server.requests()).extracting(r -> r.answer().status()).containsExactly(limited, 503, 500, auth);
        }
    }

    @Test
    void resendAndPostmarkErrorsCarryTheirMachineCodes() throws Exception {
        try (FakeProviderServer resend = FakeProviderServer.start(Provider.RESEND);
             FakeProviderServer postmark = FakeProviderServer.start(Provider.POSTMARK)) {
            resend.script(resend.error(429, "daily_quota_exceeded", "You have reached your daily email sending quota."));
            postmark.script(postmark.error(422, "406", "You tried to send to recipient(s) that have been marked as inactive."));
            assertThat(post(resend.sendUri(), "{}").body())
                    .isEqualTo("{\"statusCode\":429,\"message\":\"You have reached your daily email sending quota.\",\"name\":\"daily_quota_exceeded\"}");
            HttpResponse<String> inactive = post(postmark.sendUri(), "{}");
            assertThat(inactive.statusCode()).isEqualTo(422);
            assertThat(inactive.body()).startsWith("{\"ErrorCode\":406,");
        }
    }

    @Test
    void failNextScriptsTheNextRequestsThenAcceptsAgain() throws Exception {
        try (FakeProviderServer sendgrid = FakeProviderServer.start(Provider.SENDGRID)) {
            sendgrid.failNext(2, sendgrid.unavailable());
            assertThat(sendgrid.pendingAnswers()).isEqualTo(2);
            assertThat(post(sendgrid.sendUri(), "{}").statusCode()).isEqualTo(503);
            assertThat(post(sendgrid.sendUri(), "{}").statusCode()).isEqualTo(503);
            assertThat(post(sendgrid.sendUri(), "{}").statusCode()).isEqualTo(202);
            assertThat(sendgrid.requests()).hasSize(3);
            sendgrid.clearRequests();
            assertThat(sendgrid.requests()).isEmpty();
            assertThatThrownBy(() -> sendgrid.failNext(-1, sendgrid.unavailable()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("times: -1 is negative");
        }
    }

    @Test
    void aDroppedConnectionGivesTheClientAnIoErrorAndIsRecorded() throws Exception {
        try (FakeProviderServer mailgun = FakeProviderServer.start(Provider.MAILGUN)) {
            mailgun.script(Answer.dropConnection());
            assertThatThrownBy(() -> post(mailgun.sendUri(), "to=a")).isInstanceOf(IOException.class);
            assertThat(mailgun.requests()).singleElement().satisfies(r -> assertThat(r.answer().drop()).isTrue());
            assertThat(post(mailgun.sendUri(), "to=a").statusCode()).as("the next request is served").isEqualTo(200);
        }
    }

    @Test
    void aDelayedAnswerMakesTheClientTimeOut() throws Exception {
        try (FakeProviderServer postmark = FakeProviderServer.start(Provider.POSTMARK)) {
            postmark.script(postmark.accepted().withDelay(Duration.ofMillis(1500)));
            assertThatThrownBy(() -> post(postmark.sendUri(), "{}", Duration.ofMillis(200))).isInstanceOf(HttpTimeoutException.class);
            assertThat(postmark.requests()).hasSize(1);
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(Provider.RESEND)) {
            assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
            assertThat(server.sendUri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/emails");
            assertThat(server).hasToString("FakeProviderServer[resend at http://127.0.0.1:" + server.port() + "]");
        }
    }

    @Test
    void anUnknownProviderNameIsOneClearError() {
        assertThatThrownBy(() -> FakeProviderServer.start("sparkpost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider: 'sparkpost' is none of ses, ses-classic, sendgrid, mailgun, postmark, resend");
        assertThat(Provider.named("SES_classic")).isEqualTo(Provider.SES_CLASSIC);
    }
}
