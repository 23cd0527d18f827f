package io.mailtrail.tracker.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.SendGridAPI;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import io.mailtrail.testsupport.CapturedCalls;
import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.tracker.MailTracker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/** The real SendGrid SDK (its own Apache HTTP client) against a loopback server answering like SendGrid. */
class TrackedSendGridTest {

    private static final String API_KEY = "SG.test-key.0123456789abcdefghijklmnopqrstuvwxyz";
    private final CapturedCalls captured = new CapturedCalls();
    private final MailTracker tracker = MailTracker.builder().loggerFactory(captured.loggerFactory()).build();

    private SendGridAPI sendGrid(String host) {
        SendGrid sdk = new SendGrid(API_KEY, new Client(true));   // test client: plain http
        sdk.setHost(host);
        return TrackedSendGrid.wrap(sdk, tracker);
    }

    private static Request mailSend() throws IOException {
        Mail mail = new Mail(new Email("billing@example.com"), "Your receipt", new Email("alice@example.org"),
                new Content("text/plain", "Thanks"));
        mail.setTemplateId("d-receipt");
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(mail.build());
        return request;
    }

    @Test
    void anAcceptedSendCarriesTheMessageId() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(Provider.SENDGRID)) {
            server.script(server.accepted("sg-msg-1"));
            Response response = sendGrid("127.0.0.1:" + server.port()).api(mailSend());

            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/v3/mail/send");
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + API_KEY);
            });
            Map<String, Object> e = single();
            assertThat(e).containsEntry("event.outcome", "success")
                    .containsEntry("email.message_id", "sg-msg-1")
                    .containsEntry("http.response.status_code", 202L)
                    .containsEntry("mailtrail.provider", "sendgrid")
                    .containsEntry("url.path", "/v3/mail/send")
                    .containsEntry("destination.port", (long) server.port())
                    .containsEntry("mailtrail.template", "d-receipt")
                    .containsEntry("mailtrail.recipient.count", 1L)
                    .containsEntry("mailtrail.rate_limit.remaining", 599L);
            assertThat(captured.events().toString()).doesNotContain(API_KEY, "alice@example.org");
        }
    }

    @Test
    void failuresAreClassifiedAsTheHttpClassifierDoes() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(Provider.SENDGRID)) {
            server.script(server.rateLimited(Duration.ofSeconds(3)), server.authenticationFailure(),
                    server.error(400, null, "The from address does not match a verified Sender Identity."),
                    server.serverError(), server.unavailable());
            SendGridAPI sendGrid = sendGrid("127.0.0.1:" + server.port());
            for (int i = 0; i < 5; i++) {
                // the SDK returns error responses (it throws only when no response came)
                assertThat(sendGrid.api(mailSend()).getStatusCode()).isGreaterThanOrEqualTo(400);
            }
            List<Map<String, Object>> events = captured.events();
            assertThat(events).hasSize(5);
            // the same answers through the HTTP classifier directly: the SDK path must agree with it
            List<String> direct = server.requests().stream().map(r -> io.mailtrail.tracker.http.HttpProviders.sendgrid()
                    .classify(new io.mailtrail.tracker.http.HttpResponseView(r.answer().status(), r.answer().headers(), r.answer().body()))
                    .errorCategory().value()).toList();
            assertThat(events).extracting(e -> e.get("mailtrail.error.category")).containsExactlyElementsOf(direct);
            // each answer's category, status and retryability, as the taxonomy (ErrorCategory) defines them:
            // 429 rate_limited and 5xx provider_unavailable may be retried; 401 authentication and 400 invalid_request not
            assertThat(events).extracting(e -> e.get("mailtrail.error.category"), e -> e.get("http.response.status_code"),
                    e -> e.get("mailtrail.error.retryable")).containsExactly(
                    tuple("rate_limited", 429L, true),
                    tuple("authentication", 401L, false),
                    tuple("invalid_request", 400L, false),
                    tuple("provider_unavailable", 500L, true),
                    tuple("provider_unavailable", 503L, true));
            assertThat(events).extracting(e -> e.get("error.message")).element(2)
                    .isEqualTo("The from address does not match a verified Sender Identity.");
            assertThat(events).extracting(e -> e.get("error.message")).element(3).isEqualTo("Internal server error");
            assertThat(events.get(0)).containsEntry("mailtrail.rate_limit.retry_after_ms", 3000L);
            assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("event.outcome", "failure").containsEntry("mailtrail.attempt.final", true));
            assertThat(captured.events().toString()).doesNotContain(API_KEY);
        }
    }

    @Test
    void aRefusedConnectionIsANetworkFailureWithTheEndpoint() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Throwable thrown = catchThrowable(() -> sendGrid("127.0.0.1:" + closed).api(mailSend()));

        assertThat(thrown).isInstanceOf(IOException.class);
        assertThat(single()).containsEntry("mailtrail.error.category", "network")
                .containsEntry("destination.port", (long) closed)
                .containsEntry("url.path", "/v3/mail/send")
                .doesNotContainKey("http.response.status_code");
    }

    @Test
    void otherEndpointsPassThroughUntracked() throws Exception {
        try (FakeProviderServer server = FakeProviderServer.start(Provider.SENDGRID)) {
            server.script(io.mailtrail.testsupport.Answer.json(200, "{\"result\":[]}"));
            Request stats = new Request();
            stats.setMethod(Method.GET);
            stats.setEndpoint("suppression/bounces");
            SendGridAPI sendGrid = sendGrid("127.0.0.1:" + server.port());
            assertThat(sendGrid.api(stats).getStatusCode()).isEqualTo(200);
            assertThat(captured.events()).isEmpty();
            assertThat(sendGrid.toString()).doesNotContain(API_KEY);
            assertThat(TrackedSendGrid.isMailSend(mailSend())).isTrue();
        }
    }

    private Map<String, Object> single() {
        List<Map<String, Object>> events = captured.events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
