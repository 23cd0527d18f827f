package io.mailtrail.tracker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SesDeliveryMapperTest {

    static final String ID = "0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000";
    static final Map<String, String> TAGS = Map.of("send_id", "a1b2c3d4", "template", "order-confirmation");
    static final String JANE = "jane.doe@example.com";
    static final String BOB = "bob@example.org";
    static final Instant MAIL_TIME = Instant.parse("2026-11-27T12:00:00Z");

    private final DeliveryEventMapper mapper = DeliveryMappers.ses();

    private List<DeliveryEvent> map(String file) throws DeliveryPayloadException {
        return mapper.map(Samples.read("ses", file));
    }

    private static DeliveryEvent event(DeliveryStatus status, String name, String at, String recipient, String bounceType,
                                       String reason, Integer code, String enhanced) {
        return new DeliveryEvent("ses", status, name, Instant.parse(at), ID, recipient, bounceType, reason, code, enhanced, TAGS);
    }

    @Test
    void permanentBounceInAnSnsNotificationGivesOneHardBouncePerRecipient() throws Exception {
        assertThat(map("sns-bounce-permanent.json")).containsExactly(
                event(DeliveryStatus.BOUNCED_HARD, "Bounce", "2026-11-27T12:00:03.500Z", JANE, "hard",
                        "smtp; 550 5.1.1 <<redacted>@example.com>: Recipient address rejected: User unknown", 550, "5.1.1"),
                event(DeliveryStatus.BOUNCED_HARD, "Bounce", "2026-11-27T12:00:03.500Z", BOB, "hard",
                        "smtp; 550 5.2.1 The email account that you tried to reach is disabled.", 550, "5.2.1"));
    }

    @Test
    void olderNotificationTypeFormMapsTheSame() throws Exception {
        assertThat(map("notification-bounce.json")).isEqualTo(map("sns-bounce-permanent.json"));
    }

    @Test
    void suppressedBounceIsARejection() throws Exception {
        assertThat(map("sns-bounce-suppressed.json")).containsExactly(
                event(DeliveryStatus.REJECTED, "Bounce", "2026-11-27T12:00:03.500Z", JANE, "hard",
                        "Amazon SES did not send the message to this address because it is on the suppression list for your account.",
                        null, "5.1.1"));
    }

    @Test
    void transientAndUndeterminedBouncesAreSoft() throws Exception {
        assertThat(map("sns-bounce-transient.json")).containsExactly(
                event(DeliveryStatus.BOUNCED_SOFT, "Bounce", "2026-11-27T12:00:03.500Z", BOB, "soft",
                        "smtp; 452 4.2.2 The email account that you tried to reach is over quota.", 452, "4.2.2"));
        assertThat(map("bounce-undetermined.json")).containsExactly(
                event(DeliveryStatus.BOUNCED_SOFT, "Bounce", "2026-11-27T12:00:03.500Z", BOB, "undetermined",
                        "Undetermined/Undetermined", null, null));
    }

    @Test
    void complaint() throws Exception {
        assertThat(map("sns-complaint.json")).containsExactly(
                event(DeliveryStatus.COMPLAINED, "Complaint", "2026-11-27T13:10:00Z", JANE, null, "abuse", null, null));
    }

    @Test
    void complaintOnTheAccountSuppressionListIsARejection() throws Exception {
        String json = Samples.read("ses", "sns-complaint.json").replace("\\\"complaintSubType\\\": null",
                "\\\"complaintSubType\\\": \\\"OnAccountSuppressionList\\\"");
        assertThat(json).contains("OnAccountSuppressionList");
        assertThat(mapper.map(json)).extracting(DeliveryEvent::status).containsExactly(DeliveryStatus.REJECTED);
    }

    @Test
    void deliveryPerRecipientWithTheSmtpResponse() throws Exception {
        List<DeliveryEvent> expected = List.of(
                event(DeliveryStatus.DELIVERED, "Delivery", "2026-11-27T12:00:02.100Z", JANE, null, null, 250, "2.6.0"),
                event(DeliveryStatus.DELIVERED, "Delivery", "2026-11-27T12:00:02.100Z", BOB, null, null, 250, "2.6.0"));
        assertThat(map("sns-delivery.json")).isEqualTo(expected);
        assertThat(map("eventbridge-delivery.json")).isEqualTo(expected);
    }

    @Test
    void sendRejectAndRenderingFailureCoverEveryDestination() throws Exception {
        assertThat(map("send.json")).containsExactly(
                event(DeliveryStatus.ACCEPTED, "Send", "2026-11-27T12:00:00Z", JANE, null, null, null, null),
                event(DeliveryStatus.ACCEPTED, "Send", "2026-11-27T12:00:00Z", BOB, null, null, null, null));
        assertThat(map("reject.json")).containsExactly(
                event(DeliveryStatus.REJECTED, "Reject", "2026-11-27T12:00:00Z", JANE, null, "Bad content", null, null),
                event(DeliveryStatus.REJECTED, "Reject", "2026-11-27T12:00:00Z", BOB, null, "Bad content", null, null));
        String failure = "Attribute 'name' is not present in the rendering data.";
        assertThat(map("rendering-failure.json")).containsExactly(
                event(DeliveryStatus.FAILED, "Rendering Failure", "2026-11-27T12:00:00Z", JANE, null, failure, null, null),
                event(DeliveryStatus.FAILED, "Rendering Failure", "2026-11-27T12:00:00Z", BOB, null, failure, null, null));
    }

    @Test
    void deliveryDelayIsDeferred() throws Exception {
        assertThat(map("delivery-delay.json")).containsExactly(
                event(DeliveryStatus.DEFERRED, "DeliveryDelay", "2026-11-27T12:30:00Z", BOB, null,
                        "smtp; 421 4.4.1 Unable to connect to remote host", 421, "4.4.1"));
    }

    @Test
    void engagementNamesTheRecipientOnlyWhenThereIsOne() throws Exception {
        assertThat(map("open.json")).containsExactly(
                event(DeliveryStatus.OPENED, "Open", "2026-11-27T14:00:00Z", JANE, null, null, null, null));
        assertThat(map("click.json")).containsExactly(
                event(DeliveryStatus.CLICKED, "Click", "2026-11-27T14:01:00Z", null, null, null, null, null));
        assertThat(map("subscription.json")).containsExactly(
                event(DeliveryStatus.UNSUBSCRIBED, "Subscription", "2026-11-27T15:00:00Z", JANE, null, null, null, null));
    }

    @Test
    void automaticSesTagsAreNotMetadata() throws Exception {
        assertThat(map("send.json").get(0).metadata()).containsOnlyKeys("send_id", "template");
    }

    @Test
    void unknownEventTypeKeepsItsNameWithStatusUnknown() throws Exception {
        String json = Samples.read("ses", "send.json").replace("\"eventType\": \"Send\"", "\"eventType\": \"Quarantine\"");
        assertThat(mapper.map(json)).extracting(DeliveryEvent::status, DeliveryEvent::providerEvent, DeliveryEvent::recipient)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DeliveryStatus.UNKNOWN, "Quarantine", JANE),
                        org.assertj.core.groups.Tuple.tuple(DeliveryStatus.UNKNOWN, "Quarantine", BOB));
        assertThat(mapper.map(json)).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(MAIL_TIME));
    }

    @Test
    void subscriptionConfirmationIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> map("sns-subscription-confirmation.json"))
                .isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith("ses webhook payload:")
                .hasMessageContaining("SubscriptionConfirmation")
                .hasMessageContaining("not an email event")
                .hasMessageContaining("SubscribeURL")
                .hasMessageNotContaining("2336412f37fb687f5d51e6e2425f004aed5a0b2e7a1d6c2f");
    }

    @Test
    void brokenRecipientRefusesTheWholeNotification() {
        // the first recipient is fine, the second lacks its address: nothing is returned
        String json = Samples.read("ses", "sns-bounce-permanent.json").replace("\\\"emailAddress\\\": \\\"bob@example.org\\\", ", "");
        assertThat(json).doesNotContain("\\\"emailAddress\\\": \\\"bob@example.org\\\"");
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessage("ses webhook payload: a bounced recipient has no 'emailAddress'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all|the body is not valid JSON",
            "[]|expected a JSON object",
            "{\"Type\":\"Notification\",\"Message\":\"{broken\"}|the body is not valid JSON",
            "{\"Type\":\"Notification\"}|the SNS notification has no 'Message'",
            "{\"Type\":\"Notification\",\"Message\":\"[1]\"}|Message is not a JSON object",
            "{\"Type\":\"Whatever\",\"Message\":\"{}\"}|unexpected SNS message Type",
            "{\"mail\":{}}|neither 'eventType' nor 'notificationType'",
            "{\"eventType\":\"Send\"}|the Send event has no 'mail'",
            "{\"eventType\":\"Send\",\"mail\":{\"timestamp\":\"2026-11-27T12:00:00Z\",\"destination\":[\"a@example.com\"]}}|mail has no 'messageId'",
            "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"x\",\"timestamp\":\"yesterday\",\"destination\":[\"a@example.com\"]}}|mail 'timestamp' is not an ISO-8601 date-time",
            "{\"eventType\":\"Bounce\",\"mail\":{\"messageId\":\"x\"},\"bounce\":{\"bounceType\":\"Permanent\",\"timestamp\":\"2026-11-27T12:00:00Z\"}}|bounce has no 'bouncedRecipients'",
            "{\"eventType\":\"Delivery\",\"mail\":{\"messageId\":\"x\"},\"delivery\":{\"timestamp\":\"2026-11-27T12:00:00Z\",\"recipients\":[7]}}|holds something that is not an address",
            "{\"notificationType\":\"AmazonSnsSubscriptionSucceeded\",\"message\":\"You have successfully subscribed\"}|AmazonSnsSubscriptionSucceeded",
            "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"x\",\"timestamp\":\"2026-11-27T12:00:00Z\",\"destination\":[\"a@example.com\"]}} trailing|not valid JSON",
    })
    void malformedPayloadsAreRefusedWithTheProblem(String json, String problem) {
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith("ses webhook payload: ").hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyBodyIsRefused(String json) {
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessage("ses webhook payload: the body is empty");
    }

    @Test
    void invalidJsonMessageDoesNotQuoteThePayload() {
        assertThatThrownBy(() -> mapper.map("{\"mail\": jane.doe@example.com}"))
                .isInstanceOf(DeliveryPayloadException.class)
                .hasMessageNotContaining("jane").hasMessageNotContaining("example.com").hasNoCause();
    }

    @Test
    void toStringHidesTheRecipientsLocalPart() throws Exception {
        assertThat(map("send.json").get(0).toString()).contains("<redacted>@example.com").doesNotContain(JANE);
    }
}
