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

class SendgridDeliveryMapperTest {

    static final String X_MESSAGE_ID = "W86EgYT6SQKk0lRflfLRsA";
    static final Map<String, String> ARGS = Map.of("send_id", "a1b2c3d4", "tenant", "acme", "category", "order-confirmation");

    private final DeliveryEventMapper mapper = DeliveryMappers.sendgrid();

    private static DeliveryEvent event(DeliveryStatus status, String name, long epoch, String recipient, String bounceType,
                                       String reason, Integer code, String enhanced) {
        return new DeliveryEvent("sendgrid", status, name, Instant.ofEpochSecond(epoch), X_MESSAGE_ID, recipient, bounceType,
                reason, code, enhanced, ARGS);
    }

    @Test
    void mapsEveryEventOfABatchInOrder() throws Exception {
        String jane = "jane.doe@example.com";
        assertThat(mapper.map(Samples.read("sendgrid", "events.json"))).containsExactly(
                event(DeliveryStatus.ACCEPTED, "processed", 1795780800, jane, null, null, null, null),
                event(DeliveryStatus.DEFERRED, "deferred", 1795780801, jane, null, "400 try again later", 400, null),
                event(DeliveryStatus.DELIVERED, "delivered", 1795780802, jane, null, null, 250, "2.0.0"),
                event(DeliveryStatus.OPENED, "open", 1795780900, jane, null, null, null, null),
                event(DeliveryStatus.CLICKED, "click", 1795780901, jane, null, null, null, null),
                event(DeliveryStatus.BOUNCED_HARD, "bounce", 1795780803, "bob@example.org", "hard",
                        "550 5.1.1 The email account that you tried to reach does not exist. <redacted>@example.org", 550, "5.1.1"),
                event(DeliveryStatus.BOUNCED_SOFT, "bounce", 1795780804, "carol@example.net", "soft",
                        "421 4.7.1 Messages temporarily deferred due to user complaints", 421, "4.7.1"),
                event(DeliveryStatus.REJECTED, "dropped", 1795780805, "dave@example.net", null, "Bounced Address", null, "5.0.0"),
                event(DeliveryStatus.COMPLAINED, "spamreport", 1795781000, jane, null, null, null, null),
                event(DeliveryStatus.UNSUBSCRIBED, "unsubscribe", 1795781001, jane, null, null, null, null),
                event(DeliveryStatus.UNSUBSCRIBED, "group_unsubscribe", 1795781002, jane, null, null, null, null),
                event(DeliveryStatus.UNKNOWN, "group_resubscribe", 1795781003, jane, null, null, null, null));
    }

    @Test
    void sendgridsOwnFieldsNeverBecomeMetadata() throws Exception {
        // ip, useragent, url, pool, asm_group_id... are SendGrid's (some personal data), not the application's
        assertThat(mapper.map(Samples.read("sendgrid", "events.json")))
                .allSatisfy(e -> assertThat(e.metadata()).containsOnlyKeys("send_id", "tenant", "category"));
    }

    @Test
    void legacyUniqueArgsAndSingleCategory() throws Exception {
        String json = "[{\"email\":\"a@example.com\",\"timestamp\":1795780802,\"event\":\"delivered\",\"category\":\"welcome\","
                + "\"sg_message_id\":\"abc.filter1\",\"unique_args\":{\"send_id\":\"s-1\",\"attempt_count\":2}}]";
        assertThat(mapper.map(json).get(0).metadata())
                .isEqualTo(Map.of("category", "welcome", "send_id", "s-1", "attempt_count", "2"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "W86EgYT6SQKk0lRflfLRsA.filterdrecv-5645d9c87f-78kvr-1-5A1E2B3C-2A.0, W86EgYT6SQKk0lRflfLRsA",
            "W86EgYT6SQKk0lRflfLRsA.recvd-5f7b9-1-5A1E2B3C-1.0, W86EgYT6SQKk0lRflfLRsA",
            "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0, 14c5d75ce93.dfd.64b469",
            "W86EgYT6SQKk0lRflfLRsA, W86EgYT6SQKk0lRflfLRsA",
            "null, null",
    })
    void sgMessageIdIsCutBackToTheXMessageId(String sgMessageId, String expected) {
        assertThat(SendgridDeliveryMapper.messageIdOf(sgMessageId)).isEqualTo(expected);
    }

    @Test
    void emptyBatchIsNoEvent() throws Exception {
        assertThat(mapper.map("[]")).isEmpty();
    }

    @Test
    void oneBrokenEventRefusesTheWholeBatch() {
        String json = "[{\"email\":\"a@example.com\",\"timestamp\":1795780802,\"event\":\"delivered\"},"
                + "{\"email\":\"b@example.com\",\"event\":\"delivered\"}]";
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessage("sendgrid webhook payload: event #1 has no 'timestamp'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"event\":\"delivered\"}|expected a JSON array of events",
            "[1]|event #0 is not a JSON object",
            "[{\"timestamp\":1,\"email\":\"a@example.com\"}]|event #0 has no 'event'",
            "[{\"event\":\"open\",\"timestamp\":1}]|event #0 has no 'email'",
            "[{\"event\":\"open\",\"timestamp\":\"soon\",\"email\":\"a@example.com\"}]|event #0 'timestamp' is not a Unix time in seconds",
            "[{\"event\":\"open\",\"timestamp\":true,\"email\":\"a@example.com\"}]|event #0 'timestamp' is not a Unix time in seconds",
            "[{\"event\":\"\",\"timestamp\":1,\"email\":\"a@example.com\"}]|event #0 'event' is not a non-empty string",
            "[{]|not valid JSON",
    })
    void malformedPayloadsAreRefusedWithTheProblem(String json, String problem) {
        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith("sendgrid webhook payload: ").hasMessageContaining(problem);
    }

    @Test
    void eventWithoutSgMessageIdHasNoMessageId() throws Exception {
        List<DeliveryEvent> events = mapper.map("[{\"email\":\"a@example.com\",\"timestamp\":\"1795780802\",\"event\":\"open\"}]");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isNull();
            assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(1795780802));
        });
    }
}
