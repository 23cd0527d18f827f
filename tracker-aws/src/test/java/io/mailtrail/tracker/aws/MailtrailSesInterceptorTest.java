package io.mailtrail.tracker.aws;

import io.mailtrail.testsupport.CapturedCalls;
import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.tracker.MailTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The real AWS SDK v2 clients against a loopback endpoint that answers like SES. */
class MailtrailSesInterceptorTest {

    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final CapturedCalls captured = new CapturedCalls();
    private final MailTracker tracker = MailTracker.builder().serviceName("billing").loggerFactory(captured.loggerFactory()).build();
    private SesV2Client v2;
    private SesClient classic;

    @AfterEach
    void close() {
        if (v2 != null) {
            v2.close();
        }
        if (classic != null) {
            classic.close();
        }
    }

    private SesV2Client v2(URI endpoint) {
        v2 = SesV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET_KEY)))
                .overrideConfiguration(o -> o
                        .addExecutionInterceptor(MailtrailSesInterceptor.create(tracker))
                        // the SDK's standard strategy (3 attempts), with short waits for the test
                        .retryStrategy(b -> b.maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))
                                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))))
                .build();
        return v2;
    }

    private static software.amazon.awssdk.services.sesv2.model.SendEmailRequest request() {
        return software.amazon.awssdk.services.sesv2.model.SendEmailRequest.builder()
                .fromEmailAddress("billing@example.com")
                .destination(d -> d.toAddresses("alice@example.org", "bob@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Your receipt")).body(b -> b.text(t -> t.data("Thanks")))))
                .build();
    }

    @Test
    void anAcceptedSendIsOneSuccessWithTheMessageAndRequestIds() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(ses.accepted("0100018c-test-0001"));
            SendEmailResponse response = v2(ses.baseUri()).sendEmail(request());

            assertThat(response.messageId()).isEqualTo("0100018c-test-0001");
            Map<String, Object> e = single();
            assertThat(e).containsEntry("event.outcome", "success")
                    .containsEntry("mailtrail.success_count", 1L)
                    .containsEntry("http.response.status_code", 200L)
                    .containsEntry("email.message_id", "0100018c-test-0001")
                    .containsEntry("http.request.id", ses.requests().get(0).answer().header("x-amzn-RequestId"))
                    .containsEntry("http.request.method", "POST")
                    .containsEntry("url.path", "/v2/email/outbound-emails")
                    .containsEntry("destination.domain", "127.0.0.1")
                    .containsEntry("destination.port", (long) ses.port())
                    .containsEntry("mailtrail.provider", "ses")
                    .containsEntry("mailtrail.attempt.number", 1L)
                    .containsEntry("mailtrail.attempt.final", true)
                    .containsEntry("mailtrail.recipient.count", 2L)
                    .doesNotContainKey("mailtrail.error.category");
            assertThat(captured.events().toString()).doesNotContain(SECRET_KEY, "alice@example.org");
        }
    }

    @Test
    void messageRejectedIsOneNonRetryableContentRejection() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(ses.error(400, "MessageRejected", "Message contains a virus."));
            Throwable thrown = catchThrowable(() -> v2(ses.baseUri()).sendEmail(request()));

            assertThat(thrown).isInstanceOf(MessageRejectedException.class);
            assertThat(ses.requests()).as("the SDK does not retry it").hasSize(1);
            assertThat(single()).containsEntry("event.outcome", "failure")
                    .containsEntry("mailtrail.error.category", "content_rejected")
                    .containsEntry("mailtrail.error.retryable", false)
                    .containsEntry("error.code", "MessageRejected")
                    .containsEntry("error.message", "Message contains a virus.")
                    .containsEntry("http.response.status_code", 400L)
                    .containsEntry("mailtrail.attempt.final", true)
                    .containsEntry("error.type", MessageRejectedException.class.getName());
        }
    }

    /**
     * A paused account, with the error code the way an SES endpoint names it: the {@code x-amzn-ErrorType} header
     * ({@code AccountSendingPausedException}, the classic API's name of it, is no exception the v2 SDK models: a plain
     * {@link SesV2Exception} carrying the code), the header with the Coral namespace suffix SES v2 appends (v2's own
     * {@code SendingPausedException}), or only {@code __type} in the body. Each is one non-retryable account_blocked
     * failure with status 400 and the AWS error code, and the SDK does not retry it.
     */
    @Test
    void aPausedAccountIsAccountBlockedAndNotRetriedWhereverTheErrorTypeIs() throws Exception {
        String paused = "Email sending is disabled for this account.";
        assertAccountBlocked(ses -> ses.error(400, "AccountSendingPausedException", paused),
                "AccountSendingPausedException", SesV2Exception.class, paused);
        assertAccountBlocked(ses -> io.mailtrail.testsupport.Answer.json(400, "{\"message\":\"" + paused + "\"}")
                        .withHeader("x-amzn-ErrorType", "SendingPausedException:http://internal.amazon.com/coral/com.amazonaws.sesv2/")
                        .withHeader("x-amzn-RequestId", "req-paused-v2"),
                "SendingPausedException", SendingPausedException.class, paused);
        assertAccountBlocked(ses -> io.mailtrail.testsupport.Answer.json(400,
                        "{\"__type\":\"com.amazonaws.sesv2#AccountSendingPausedException\",\"message\":\"" + paused + "\"}"),
                "AccountSendingPausedException", SesV2Exception.class, paused);
    }

    private void assertAccountBlocked(java.util.function.Function<FakeProviderServer, io.mailtrail.testsupport.Answer> answer,
            String code, Class<? extends SesV2Exception> exception, String message) throws Exception {
        int before = captured.events().size();
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(answer.apply(ses));
            Throwable thrown = catchThrowable(() -> v2(ses.baseUri()).sendEmail(request()));

            assertThat(thrown).as(code).isExactlyInstanceOf(exception);
            assertThat(((SesV2Exception) thrown).awsErrorDetails().errorCode()).as("the SDK read the code").isEqualTo(code);
            assertThat(((SesV2Exception) thrown).statusCode()).isEqualTo(400);
            assertThat(ses.requests()).as("the SDK does not retry %s", code).hasSize(1);
            List<Map<String, Object>> events = captured.events();
            assertThat(events.subList(before, events.size())).as(code).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("event.outcome", "failure")
                    .containsEntry("mailtrail.error.category", "account_blocked")
                    .containsEntry("mailtrail.error.retryable", false)
                    .containsEntry("http.response.status_code", 400L)
                    .containsEntry("error.code", code)
                    .containsEntry("error.message", message)
                    .containsEntry("error.type", exception.getName())
                    .containsEntry("mailtrail.attempt.number", 1L)
                    .containsEntry("mailtrail.attempt.final", true)
                    .doesNotContainKey("email.message_id"));
        } finally {
            close();
            v2 = null;
        }
    }

    @Test
    void throttlingThenSuccessAreTwoAttemptsOfOneSend() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(ses.rateLimited(Duration.ofSeconds(1)), ses.accepted("after-throttle"));
            assertThat(v2(ses.baseUri()).sendEmail(request()).messageId()).isEqualTo("after-throttle");

            List<Map<String, Object>> events = captured.events();
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).containsEntry("mailtrail.attempt.number", 1L)
                    .containsEntry("mailtrail.attempt.final", false)
                    .containsEntry("http.response.status_code", 429L)
                    .containsEntry("mailtrail.error.category", "rate_limited")
                    .containsEntry("mailtrail.error.retryable", true)
                    .containsEntry("error.code", "TooManyRequestsException")
                    .containsEntry("mailtrail.rate_limit.retry_after_ms", 1000L)
                    .doesNotContainKey("email.message_id");
            assertThat(events.get(1)).containsEntry("mailtrail.attempt.number", 2L)
                    .containsEntry("mailtrail.attempt.final", true)
                    .containsEntry("event.outcome", "success")
                    .containsEntry("email.message_id", "after-throttle");
            assertThat((Long) events.get(1).get("mailtrail.retry.delay_ms")).isGreaterThanOrEqualTo(0L);
            assertSameSend(events);
        }
    }

    @Test
    void serverErrorsAreRetriedByTheSdkAndEachAttemptIsRecorded() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.failNext(3, ses.serverError());
            Throwable thrown = catchThrowable(() -> v2(ses.baseUri()).sendEmail(request()));

            assertThat(thrown).isInstanceOf(SesV2Exception.class);
            assertThat(ses.requests()).hasSize(3);
            List<Map<String, Object>> events = captured.events();
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e)
                    .containsEntry("http.response.status_code", 500L)
                    .containsEntry("mailtrail.error.category", "provider_unavailable")
                    .containsEntry("mailtrail.error.retryable", true)
                    .containsEntry("error.code", "InternalFailure"));
            assertThat(events).extracting(e -> e.get("mailtrail.attempt.number")).containsExactly(1L, 2L, 3L);
            assertThat(events).extracting(e -> e.get("mailtrail.attempt.final")).containsExactly(false, false, true);
            assertSameSend(events);
        }
    }

    @Test
    void connectionRefusedIsANetworkFailurePerAttempt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Throwable thrown = catchThrowable(() -> v2(URI.create("http://127.0.0.1:" + closedPort)).sendEmail(request()));

        assertThat(thrown).isInstanceOf(SdkClientException.class);
        List<Map<String, Object>> events = captured.events();
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e)
                .containsEntry("event.outcome", "failure")
                .containsEntry("mailtrail.error.category", "network")
                .containsEntry("mailtrail.error.retryable", true)
                .containsEntry("destination.port", (long) closedPort)
                .containsEntry("url.path", "/v2/email/outbound-emails")
                .doesNotContainKey("http.response.status_code"));
        assertThat(events).extracting(e -> e.get("mailtrail.attempt.final")).containsExactly(false, false, true);
        assertThat(events.get(2)).containsEntry("error.type", thrown.getClass().getName());
        assertSameSend(events);
    }

    @Test
    void operationsThatDoNotSendAreNotRecorded() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES)) {
            ses.script(io.mailtrail.testsupport.Answer.json(200, "{\"SendingEnabled\":true}"));
            assertThat(v2(ses.baseUri()).getAccount(r -> { }).sendingEnabled()).isTrue();
            assertThat(captured.events()).isEmpty();
        }
    }

    @Test
    void classicSesSendRawEmailAndItsThrottlingAreRecorded() throws Exception {
        try (FakeProviderServer ses = FakeProviderServer.start(Provider.SES_CLASSIC)) {
            ses.script(ses.rateLimited(null), ses.accepted("classic-1"));
            classic = SesClient.builder()
                    .endpointOverride(ses.baseUri())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET_KEY)))
                    .overrideConfiguration(o -> o.addExecutionInterceptor(MailtrailSesInterceptor.create(tracker))
                            .retryStrategy(b -> b.maxAttempts(3)
                                    .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))
                                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))))
                    .build();
            String id = classic.sendRawEmail(r -> r.source("billing@example.com").destinations("carol@example.org")
                    .rawMessage(m -> m.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("Subject: hi\r\n\r\nhello")))).messageId();

            assertThat(id).isEqualTo("classic-1");
            assertThat(ses.requests().get(0).formParameters()).containsEntry("Action", "SendRawEmail");
            List<Map<String, Object>> events = captured.events();
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).containsEntry("http.response.status_code", 400L)
                    .containsEntry("error.code", "Throttling")
                    .containsEntry("mailtrail.error.category", "rate_limited")
                    .containsEntry("mailtrail.attempt.final", false)
                    .containsEntry("url.path", "/")
                    .containsKey("http.request.id");
            assertThat(events.get(1)).containsEntry("event.outcome", "success")
                    .containsEntry("email.message_id", "classic-1")
                    .containsEntry("mailtrail.recipient.count", 1L)
                    .containsEntry("mailtrail.attempt.final", true);
            assertSameSend(events);
        }
    }

    private Map<String, Object> single() {
        List<Map<String, Object>> events = captured.events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static void assertSameSend(List<Map<String, Object>> events) {
        assertThat(events).extracting(e -> e.get("mailtrail.send.id")).doesNotContainNull().containsOnly(events.get(0).get("mailtrail.send.id"));
        assertThat(events).extracting(e -> e.get("trace.id")).doesNotContainNull().containsOnly(events.get(0).get("trace.id"));
        assertThat(events).extracting(e -> e.get("span.id")).doesNotHaveDuplicates();
    }
}
