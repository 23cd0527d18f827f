package io.mailtrail.tracker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.DeliveryStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailgunDeliveryMapperTest {

    static final String ID = "20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com";
    static final Instant AT = Instant.ofEpochSecond(1795780802, 908_181_000);
    static final String JANE = "jane.doe@example.com";
    static final Map<String, String> VARS = Map.of("send_id", "a1b2c3d4", "tenant", "acme");

    private final DeliveryEventMapper mapper = DeliveryMappers.mailgun();

    private DeliveryEvent map(String file) throws DeliveryPayloadException {
        var events = mapper.map(Samples.read("mailgun", file));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static DeliveryEvent event(DeliveryStatus status, String name, String bounceType, String reason, Integer code,
                                       String enhanced) {
        return new DeliveryEvent("mailgun", status, name, AT, ID, JANE, bounceType, reason, code, enhanced, VARS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "accepted.json|ACCEPTED|accepted",
            "complained.json|COMPLAINED|complained",
            "opened.json|OPENED|opened",
            "clicked.json|CLICKED|clicked",
            "unsubscribed.json|UNSUBSCRIBED|unsubscribed",
            "stored.json|UNKNOWN|stored",
    })
    void eventsWithoutDeliveryDetail(String file, DeliveryStatus status, String name) throws Exception {
        assertThat(map(file)).isEqualTo(event(status, name, null, null, null, null));
    }

    @Test
    void delivered() throws Exception {
        assertThat(map("delivered.json")).isEqualTo(event(DeliveryStatus.DELIVERED, "delivered", null, null, 250, "2.0.0"));
    }

    @Test
    void permanentFailureIsAHardBounce() throws Exception {
        assertThat(map("failed-permanent.json")).isEqualTo(event(DeliveryStatus.BOUNCED_HARD, "failed", "hard",
                "550 5.1.1 The email account that you tried to reach does not exist. <redacted>@example.com", 550, "5.1.1"));
    }

    @Test
    void temporaryFailureIsDeferred() throws Exception {
        assertThat(map("failed-temporary.json")).isEqualTo(event(DeliveryStatus.DEFERRED, "failed", null,
                "4.2.2 The email account that you tried to reach is over quota.", 452, "4.2.2"));
    }

    @Test
    void suppressedAddressIsARejectionAndMailgunCodesAreNoSmtpCodes() throws Exception {
        assertThat(map("failed-suppress-bounce.json")).isEqualTo(event(DeliveryStatus.REJECTED, "failed", null,
                "Not delivering to previously bounced address", null, null));
    }

    @Test
    void rejected() throws Exception {
        assertThat(map("rejected.json")).isEqualTo(event(DeliveryStatus.REJECTED, "rejected", null,
                "Sandbox subdomains are for test purposes only.", null, null));
    }

    @Test
    void bareEventObjectOfTheEventsApiIsAccepted() throws Exception {
        String webhook = Samples.read("mailgun", "delivered.json");
        String bare = webhook.substring(webhook.indexOf("\"event-data\": ") + "\"event-data\": ".length(), webhook.lastIndexOf('}'));
        assertThat(mapper.map(bare)).isEqualTo(mapper.map(webhook));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|expected a JSON object with 'event-data'",
            "{\"signature\":{}}|has no 'event-data'",
            "{\"event-data\":[]}|the webhook 'event-data' is not a JSON object",
            "{\"event-data\":{\"timestamp\":1}}|has no 'event-data'",
            "{\"event-data\":{\"event\":\"delivered\"}}|event-data has no 'timestamp'",
            "{\"event-data\":{\"event\":\"delivered\",\"timestamp\":\"x\"}}|event-data 'timestamp' is not a Unix time in seconds",
            "{\"event-data\":{\"event\":\"delivered\",\"timestamp\":1e400}}|event-data 'timestamp' is not a Unix time in seconds",
            "event=delivered&recipient=a%40example.com|not valid JSON",
    })
    void malformedPayloadsAreRefusedWithTheProblem(String json, String problem) {
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith("mailgun webhook payload: ").hasMessageContaining(problem);
    }
}
