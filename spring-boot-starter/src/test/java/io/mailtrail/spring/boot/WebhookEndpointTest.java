package io.mailtrail.spring.boot;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import io.mailtrail.spring.boot.webapp.WebhookApplication;
import io.mailtrail.testsupport.webhook.WebhookSignatures;
import io.mailtrail.tracker.webhook.SnsCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mailtrail.spring.boot.CallEvents.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery-webhook endpoints in a real embedded Tomcat, called over HTTP with payloads signed the way each
 * provider signs them: accepted ones are logged as delivery events, forged, unauthenticated, malformed, oversized and
 * non-POST requests are answered and log nothing. Never a secret in the application's output.
 */
@SpringBootTest(classes = {WebhookApplication.class, WebhookEndpointTest.AwsCertificates.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=shop",
        "logging.level.io.mailtrail.spring.boot.webhook=debug",
        "mailtrail.webhooks.max-body-size=64KB",
        "mailtrail.webhooks.mailgun.enabled=true",
        "mailtrail.webhooks.mailgun.signing-key=" + WebhookEndpointTest.MAILGUN_KEY,
        "mailtrail.webhooks.sendgrid.enabled=true",
        "mailtrail.webhooks.ses.enabled=true",
        "mailtrail.webhooks.ses.topic-arns=" + WebhookEndpointTest.TOPIC,
        "mailtrail.webhooks.postmark.enabled=true",
        "mailtrail.webhooks.postmark.username=hook",
        "mailtrail.webhooks.postmark.password=" + WebhookEndpointTest.POSTMARK_PASSWORD})
@ExtendWith(OutputCaptureExtension.class)
class WebhookEndpointTest {

    static final String MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    static final String POSTMARK_PASSWORD = "pa55-w0rd-postmark-9d1";
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";
    static final KeyPair SENDGRID = WebhookSignatures.sendgridKeys();
    static final KeyPair AWS = WebhookSignatures.snsKeys();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry r) {
        r.add("mailtrail.webhooks.sendgrid.public-key", () -> WebhookSignatures.sendgridVerificationKey(SENDGRID));
    }

    /** The SNS signing certificate's key: AWS's would be downloaded, this test's is generated. */
    @Configuration(proxyBeanMethods = false)
    static class AwsCertificates {
        @Bean
        SnsCertificates snsCertificates() {
            return url -> AWS.getPublic();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    @Value("${local.server.port}") int port;
    CallEvents deliveries;

    @BeforeEach
    void capture() {
        deliveries = new CallEvents(Dataset.DELIVERY);
    }

    @AfterEach
    void release() {
        deliveries.close();
    }

    private HttpResponse<String> post(String provider, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(provider)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String provider) {
        return URI.create("http://127.0.0.1:" + port + "/mailtrail/webhooks/" + provider);
    }

    private static void assertNoSecretIn(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(MAILGUN_KEY, POSTMARK_PASSWORD, WebhookSignatures.sendgridVerificationKey(SENDGRID),
                WebhookSamples.basicAuth("hook", POSTMARK_PASSWORD).substring(6));
    }

    @Test
    void aSignedMailgunDeliveryIsOneDeliveryEventAndItsReplayIsRefused(CapturedOutput output) throws Exception {
        byte[] body = WebhookSignatures.mailgunSigned(WebhookSamples.sample("mailgun/delivered.json"), MAILGUN_KEY, Instant.now(), "tok-" + UUID.randomUUID());
        HttpResponse<String> r = post("mailgun", body, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> e = deliveries.only();
        assertThat(get(e, Fields.DELIVERY_STATUS)).isEqualTo("delivered");
        assertThat(get(e, Fields.PROVIDER)).isEqualTo("mailgun");
        assertThat(get(e, Fields.EMAIL_MESSAGE_ID)).isEqualTo("20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com");
        assertThat(get(e, Fields.SERVICE_NAME)).isEqualTo("shop");
        assertThat(String.valueOf(get(e, Fields.RECIPIENT_DOMAIN))).contains("example.com");
        assertThat(e.toString()).doesNotContain("jane.doe@");

        HttpResponse<String> replay = post("mailgun", body, Map.of());
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("replayed");
        assertThat(deliveries.all()).hasSize(1);
        assertNoSecretIn(output);
    }

    @Test
    void aForgedOrUnsignedMailgunRequestIs403AndLogsNothing(CapturedOutput output) throws Exception {
        byte[] forged = WebhookSignatures.mailgunSigned(WebhookSamples.sample("mailgun/delivered.json"), "key-guessed", Instant.now(), "tok-" + UUID.randomUUID());
        HttpResponse<String> r = post("mailgun", forged, Map.of());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("rejected: signature does not match\n");
        assertThat(post("mailgun", WebhookSamples.sample("mailgun/delivered.json"), Map.of()).statusCode())
                .as("the sample's own, stale signature").isEqualTo(403);
        assertThat(post("mailgun", "{}".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode()).isEqualTo(403);
        assertThat(deliveries.all()).isEmpty();
        assertNoSecretIn(output);
    }

    @Test
    void aSignedSendgridBatchIsOneEventPerEntryAndAChangedBodyIsRefused() throws Exception {
        byte[] body = WebhookSamples.sample("sendgrid/events.json");
        HttpResponse<String> r = post("sendgrid", body, WebhookSignatures.sendgridHeaders(SENDGRID, Instant.now(), body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Object> statuses = deliveries.all().stream().map(e -> get(e, Fields.DELIVERY_STATUS)).toList();
        assertThat(statuses).containsExactly("accepted", "deferred", "delivered", "opened", "clicked", "bounced_hard",
                "bounced_soft", "rejected", "complained", "unsubscribed", "unsubscribed", "unknown");
        assertThat(deliveries.all()).allSatisfy(e -> assertThat(get(e, Fields.PROVIDER)).isEqualTo("sendgrid"));

        int before = deliveries.all().size();
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("\"bounce\"", "\"delivered\"").getBytes(StandardCharsets.UTF_8);
        assertThat(post("sendgrid", changed, WebhookSignatures.sendgridHeaders(SENDGRID, Instant.now(), body)).statusCode()).isEqualTo(403);
        assertThat(post("sendgrid", body, WebhookSignatures.sendgridHeaders(WebhookSignatures.sendgridKeys(), Instant.now(), body)).statusCode())
                .as("another key").isEqualTo(403);
        HttpResponse<String> unsigned = post("sendgrid", body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("missing X-Twilio-Email-Event-Webhook-Signature");
        assertThat(post("sendgrid", body, WebhookSignatures.sendgridHeaders(SENDGRID, Instant.now().minusSeconds(3600), body)).statusCode())
                .as("stale").isEqualTo(403);
        assertThat(deliveries.all()).hasSize(before);
    }

    @Test
    void aSignedSesNotificationIsOneEventPerRecipientAndAForgedOneIsRefused() throws Exception {
        byte[] body = WebhookSignatures.snsSigned(WebhookSamples.sample("ses/sns-delivery.json"), AWS, "2", Instant.now(), UUID.randomUUID().toString(), null);
        HttpResponse<String> r = post("ses", body, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(deliveries.all()).hasSize(2).allSatisfy(e -> {
            assertThat(get(e, Fields.DELIVERY_STATUS)).isEqualTo("delivered");
            assertThat(get(e, Fields.PROVIDER)).isEqualTo("ses");
            assertThat(get(e, Fields.EMAIL_MESSAGE_ID)).isEqualTo("0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000");
        });

        byte[] forged = WebhookSignatures.snsSigned(WebhookSamples.sample("ses/sns-delivery.json"), WebhookSignatures.snsKeys(), "2", Instant.now(),
                UUID.randomUUID().toString(), null);
        assertThat(post("ses", forged, Map.of()).statusCode()).isEqualTo(403);
        assertThat(deliveries.all()).hasSize(2);
    }

    @Test
    void aSignedSnsSubscriptionConfirmationIsAnsweredAndLogsNoDeliveryEvent() throws Exception {
        byte[] body = WebhookSignatures.snsSigned(WebhookSamples.sample("ses/sns-subscription-confirmation.json"), AWS, "2", Instant.now(),
                UUID.randomUUID().toString(), null);
        HttpResponse<String> r = post("ses", body, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("subscription confirmation");
        assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void postmarkWithItsBasicAuthIsLoggedWithoutIt401(CapturedOutput output) throws Exception {
        byte[] body = WebhookSamples.sample("postmark/delivery.json");
        HttpResponse<String> r = post("postmark", body, Map.of("Authorization", WebhookSamples.basicAuth("hook", POSTMARK_PASSWORD)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> e = deliveries.only();
        assertThat(get(e, Fields.DELIVERY_STATUS)).isEqualTo("delivered");
        assertThat(get(e, Fields.PROVIDER)).isEqualTo("postmark");
        assertThat(get(e, Fields.EMAIL_MESSAGE_ID)).isEqualTo("b7bc2f4a-e38e-4336-af7d-e6c392c2f817");

        HttpResponse<String> wrong = post("postmark", body, Map.of("Authorization", WebhookSamples.basicAuth("hook", "guess")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mailtrail webhooks\"");
        assertThat(post("postmark", body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(deliveries.all()).hasSize(1);
        assertNoSecretIn(output);
    }

    @Test
    void anAuthenticButMalformedPayloadIs400AndLogsNothing() throws Exception {
        Map<String, String> auth = Map.of("Authorization", WebhookSamples.basicAuth("hook", POSTMARK_PASSWORD));
        HttpResponse<String> notJson = post("postmark", "not json".getBytes(StandardCharsets.UTF_8), auth);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("malformed payload: ");
        byte[] object = "{\"event\":\"delivered\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("sendgrid", object, WebhookSignatures.sendgridHeaders(SENDGRID, Instant.now(), object)).statusCode())
                .as("an object where SendGrid sends an array").isEqualTo(400);
        assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void onlyPostIsAnswered() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("mailgun"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        }
        assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void aBodyAboveTheLimitIs413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Map<String, String> auth = Map.of("Authorization", WebhookSamples.basicAuth("hook", POSTMARK_PASSWORD));
        assertThat(post("postmark", big, auth).statusCode()).as("Content-Length").isEqualTo(413);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(url("postmark"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        auth.forEach(chunked::header);
        assertThat(http.send(chunked.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("chunked").isEqualTo(413);
        assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void aProviderWithoutAnEndpointIsNotFound() throws Exception {
        assertThat(post("resend", "{}".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode()).isEqualTo(404);
    }
}
