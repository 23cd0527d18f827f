package io.mailtrail.tracker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.DeliveryStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostmarkDeliveryMapperTest {

    static final String ID = "b7bc2f4a-e38e-4336-af7d-e6c392c2f817";
    static final String JANE = "jane.doe@example.com";
    static final Map<String, String> META = Map.of("send_id", "a1b2c3d4", "tenant", "acme");
    static final String HARD_DETAILS = "smtp;550 5.1.1 The email account that you tried to reach does not exist. <redacted>@example.com";

    private final DeliveryEventMapper mapper = DeliveryMappers.postmark();

    private DeliveryEvent map(String json) throws DeliveryPayloadException {
        var events = mapper.map(json);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static DeliveryEvent event(DeliveryStatus status, String name, String at, String bounceType, String reason,
                                       Integer code, String enhanced) {
        return new DeliveryEvent("postmark", status, name, Instant.parse(at), ID, JANE, bounceType, reason, code, enhanced, META);
    }

    @Test
    void delivery() throws Exception {
        assertThat(map(Samples.read("postmark", "delivery.json"))).isEqualTo(
                event(DeliveryStatus.DELIVERED, "Delivery", "2026-11-27T12:00:02.1234567Z", null, null, 250, "2.0.0"));
    }

    @Test
    void hardBounce() throws Exception {
        assertThat(map(Samples.read("postmark", "bounce-hard.json"))).isEqualTo(
                event(DeliveryStatus.BOUNCED_HARD, "Bounce", "2026-11-27T12:00:03Z", "hard", HARD_DETAILS, 550, "5.1.1"));
    }

    /** Every bounce Type Postmark documents, in the hard-bounce sample. */
    @ParameterizedTest(name = "Bounce Type {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "HardBounce, BOUNCED_HARD, hard",
            "SoftBounce, BOUNCED_SOFT, soft",
            "Transient, DEFERRED, null",
            "DnsError, DEFERRED, null",
            "BadEmailAddress, REJECTED, null",
            "ManuallyDeactivated, REJECTED, null",
            "Blocked, REJECTED, null",
            "DMARCPolicy, REJECTED, null",
            "SpamNotification, COMPLAINED, null",
            "SpamComplaint, COMPLAINED, null",
            "SMTPApiError, FAILED, null",
            "TemplateRenderingFailed, FAILED, null",
            "Unsubscribe, UNSUBSCRIBED, null",
            "Unknown, UNKNOWN, null",
            "Subscribe, UNKNOWN, null",
            "AutoResponder, UNKNOWN, null",
            "AddressChange, UNKNOWN, null",
            "OpenRelayTest, UNKNOWN, null",
            "VirusNotification, UNKNOWN, null",
            "ChallengeVerification, UNKNOWN, null",
            "Unconfirmed, UNKNOWN, null",
            "InboundError, UNKNOWN, null",
            "SomethingNew, UNKNOWN, null",
    })
    void bounceTypes(String type, DeliveryStatus status, String bounceType) throws Exception {
        String json = Samples.read("postmark", "bounce-hard.json").replace("\"Type\": \"HardBounce\"", "\"Type\": \"" + type + "\"");
        DeliveryEvent mapped = map(json);
        assertThat(mapped).isEqualTo(DeliveryEvent.classified("postmark", status, "Bounce", Instant.parse("2026-11-27T12:00:03Z"),
                ID, JANE, bounceType, HARD_DETAILS, 550, "5.1.1", META, type));
        // Postmark's own type names the cause where it has one; else the SMTP details do (5.1.1: the recipient)
        String expected = switch (type) {
            case "ManuallyDeactivated" -> "recipient_suppressed";
            case "Blocked" -> "sender_blocklisted";
            case "DMARCPolicy" -> "sender_authentication_failed";
            case "SMTPApiError", "TemplateRenderingFailed" -> "invalid_request";
            default -> "recipient_rejected";
        };
        if (mapped.errorCategory() != null) {
            assertThat(mapped.errorCategory().value()).isEqualTo(expected);
        } else {
            assertThat(status).isIn(DeliveryStatus.COMPLAINED, DeliveryStatus.UNSUBSCRIBED, DeliveryStatus.UNKNOWN);
        }
    }

    @Test
    void bounceWithoutDetailsFallsBackToTheDescription() throws Exception {
        String json = "{\"RecordType\":\"Bounce\",\"Type\":\"SoftBounce\",\"MessageID\":\"" + ID + "\",\"Email\":\"" + JANE
                + "\",\"BouncedAt\":\"2026-11-27T07:00:03-05:00\",\"Description\":\"Mailbox full\",\"Metadata\":{\"send_id\":\"a1b2c3d4\",\"tenant\":\"acme\"}}";
        assertThat(map(json)).isEqualTo(
                event(DeliveryStatus.BOUNCED_SOFT, "Bounce", "2026-11-27T12:00:03Z", "soft", "Mailbox full", null, null));
    }

    @Test
    void spamComplaintOpenClickAndSubscriptionChange() throws Exception {
        assertThat(map(Samples.read("postmark", "spam-complaint.json"))).isEqualTo(event(DeliveryStatus.COMPLAINED, "SpamComplaint",
                "2026-11-27T13:10:00Z", null, "The subscriber explicitly marked this message as spam.", null, null));
        assertThat(map(Samples.read("postmark", "open.json"))).isEqualTo(
                event(DeliveryStatus.OPENED, "Open", "2026-11-27T14:00:00Z", null, null, null, null));
        assertThat(map(Samples.read("postmark", "click.json"))).isEqualTo(
                event(DeliveryStatus.CLICKED, "Click", "2026-11-27T14:01:00Z", null, null, null, null));
        assertThat(map(Samples.read("postmark", "subscription-change.json"))).isEqualTo(
                event(DeliveryStatus.UNSUBSCRIBED, "SubscriptionChange", "2026-11-27T15:00:00Z", null, "HardBounce", null, null));
    }

    @Test
    void reactivationIsUnknownAndManualSuppressionHasNoMessageId() throws Exception {
        String json = Samples.read("postmark", "subscription-change.json")
                .replace("\"SuppressSending\": true", "\"SuppressSending\": false")
                .replace("\"MessageID\": \"" + ID + "\"", "\"MessageID\": null");
        DeliveryEvent event = map(json);
        assertThat(event.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(event.providerEvent()).isEqualTo("SubscriptionChange");
        assertThat(event.messageId()).isNull();
    }

    @Test
    void unknownRecordTypeKeepsItsName() throws Exception {
        DeliveryEvent event = map("{\"RecordType\":\"Inbound\",\"MessageID\":\"" + ID + "\",\"Recipient\":\"" + JANE
                + "\",\"ReceivedAt\":\"2026-11-27T14:00:00Z\"}");
        assertThat(event).isEqualTo(new DeliveryEvent("postmark", DeliveryStatus.UNKNOWN, "Inbound",
                Instant.parse("2026-11-27T14:00:00Z"), ID, JANE, null, null, null, null, Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|expected one JSON object with 'RecordType'",
            "{\"MessageID\":\"x\"}|the webhook has no 'RecordType'",
            "{\"RecordType\":\"Delivery\",\"Recipient\":\"a@example.com\",\"DeliveredAt\":\"2026-11-27T12:00:00Z\"}|Delivery has no 'MessageID'",
            "{\"RecordType\":\"Delivery\",\"MessageID\":\"x\",\"DeliveredAt\":\"2026-11-27T12:00:00Z\"}|Delivery has no 'Recipient'",
            "{\"RecordType\":\"Delivery\",\"MessageID\":\"x\",\"Recipient\":\"a@example.com\"}|Delivery has no 'DeliveredAt'",
            "{\"RecordType\":\"Bounce\",\"MessageID\":\"x\",\"Email\":\"a@example.com\",\"BouncedAt\":\"2026-11-27T12:00:00Z\"}|Bounce has no 'Type'",
            "{\"RecordType\":\"Open\",\"MessageID\":\"x\",\"Recipient\":\"a@example.com\",\"ReceivedAt\":\"27/11/2026\"}|Open 'ReceivedAt' is not an ISO-8601 date-time",
            "{\"RecordType\":\"Inbound\"}|Inbound has none of DeliveredAt, BouncedAt, ReceivedAt, ChangedAt",
            "{\"RecordType\":\"Delivery\",|not valid JSON",
    })
    void malformedPayloadsAreRefusedWithTheProblem(String json, String problem) {
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith("postmark webhook payload: ").hasMessageContaining(problem);
    }
}
