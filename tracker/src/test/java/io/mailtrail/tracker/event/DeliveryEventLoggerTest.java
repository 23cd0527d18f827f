package io.mailtrail.tracker.event;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.Fields;
import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.delivery.DeliveryEvent;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryEventLoggerTest {

    private static final Set<String> ENCODER_FIELDS = Set.of("message", "level", "logger_name");

    private final CapturedEvents events = new CapturedEvents();
    private final PrivacyPolicy privacy = PrivacyPolicy.builder().hmacKey("0123456789abcdef0123").build();
    private final DeliveryEventLogger logger = DeliveryEventLogger.builder().privacy(privacy).serviceName("billing")
            .loggerFactory(events.loggerFactory()).build();

    @Test
    void hardBounceIsLoggedWithCatalogFieldsAndNoAddress() {
        logger.log(new DeliveryEvent("ses", DeliveryStatus.BOUNCED_HARD, "Bounce", Instant.parse("2026-11-27T10:15:32.000Z"),
                "<0100018c-1b2c-4d5e@email.amazonses.com>", "Bob.Smith@Example.org", "hard",
                "smtp; 550 5.1.1 <bob.smith@example.org>: user unknown\r\nforged", 550, "5.1.1",
                Map.of("send_id", "c0a80101", "contact", "bob.smith@example.org")));

        String json = events.deliveryJson().get(0);
        assertThat(json).doesNotContainIgnoringCase("bob.smith");
        Map<String, Object> e = events.deliveries().get(0);
        assertThat(e).containsEntry("@timestamp", "2026-11-27T10:15:32.000Z")
                .containsEntry("event.dataset", Dataset.DELIVERY.datasetName())
                .containsEntry("data_stream.dataset", Dataset.DELIVERY.datasetName())
                .containsEntry("event.action", "bounced_hard")
                .containsEntry("event.outcome", "failure")
                .containsEntry("event.provider", "ses")
                .containsEntry("mailtrail.provider", "ses")
                .containsEntry("mailtrail.delivery.status", "bounced_hard")
                .containsEntry("mailtrail.delivery.bounce_type", "hard")
                .containsEntry("mailtrail.delivery.provider_event", "Bounce")
                .containsEntry("email.message_id", "0100018c-1b2c-4d5e@email.amazonses.com")
                .containsEntry("mailtrail.smtp.reply_code", 550)
                .containsEntry("mailtrail.smtp.enhanced_status", "5.1.1")
                .containsEntry("mailtrail.error.category", "recipient_rejected")
                .containsEntry("event.reason", "smtp; 550 5.1.1 <<redacted>@example.org>: user unknown  forged")
                .containsEntry("mailtrail.recipient.domain", List.of("example.org"))
                .containsEntry("labels", Map.of("send_id", "c0a80101", "contact", "<redacted>@example.org"))
                .containsEntry("service.name", "billing")
                .containsEntry("level", "WARN");
        assertThat(e.get("mailtrail.recipient.hash")).isEqualTo(privacy.recipient("bob.smith@example.org").hashes());
        for (String key : e.keySet()) {
            if (!ENCODER_FIELDS.contains(key)) {
                assertThat(Fields.byName(key).orElseThrow(() -> new AssertionError("not in catalog: " + key)).datasets())
                        .as(key).contains(Dataset.DELIVERY);
            }
        }
    }

    @Test
    void statusWithoutOutcomeHasNoOutcomeAndDeliveredHasADeliveryTimestamp() {
        Instant at = Instant.parse("2026-11-27T10:20:00.000Z");
        logger.log(new DeliveryEvent("sendgrid", DeliveryStatus.OPENED, "open", at, "abc", null, null, null, null, null, Map.of()));
        logger.log(new DeliveryEvent("sendgrid", DeliveryStatus.DELIVERED, "delivered", at, "abc", "a@b.example", null, null, 250, null, Map.of()));

        List<Map<String, Object>> e = events.deliveries();
        assertThat(e.get(0)).doesNotContainKeys("event.outcome", "mailtrail.recipient.domain", "email.delivery_timestamp")
                .containsEntry("event.action", "opened").containsEntry("level", "INFO");
        assertThat(e.get(1)).doesNotContainKey("mailtrail.error.category").containsEntry("event.outcome", "success")
                .containsEntry("email.delivery_timestamp", "2026-11-27T10:20:00.000Z");
    }

    @Test
    void aMissingEventIsRefusedAndNothingLogged() {
        assertThatThrownBy(() -> logger.log(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is null");
        assertThat(events.deliveries()).isEmpty();
    }
}
