package io.mailtrail.tracker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.DeliveryStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryMappersTest {

    @ParameterizedTest
    @CsvSource({"ses, ses", "SES, ses", " SendGrid , sendgrid", "Mailgun, mailgun", "POSTMARK, postmark"})
    void findsMapperByName(String name, String expected) {
        assertThat(DeliveryMappers.forName(name).provider()).isEqualTo(expected);
    }

    @Test
    void unknownNameIsRejectedWithTheValueAndTheKnownNames() {
        assertThatThrownBy(() -> DeliveryMappers.forName("resend"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'resend'")
                .hasMessageContaining("ses, sendgrid, mailgun, postmark");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ses|123|expected a JSON object (an SNS notification or an SES event)",
            "ses|null|expected a JSON object (an SNS notification or an SES event)",
            "sendgrid|\"text\"|expected a JSON array of events",
            "mailgun|true|expected a JSON object with 'event-data'",
            "postmark|[{\"RecordType\":\"Delivery\"}]|expected one JSON object with 'RecordType'",
    })
    void wrongTopLevelValueIsNamed(String provider, String json, String problem) {
        assertThatThrownBy(() -> DeliveryMappers.forName(provider).map(json))
                .isInstanceOf(DeliveryPayloadException.class)
                .hasMessageStartingWith(provider + " webhook payload: " + problem);
    }

    @Test
    void eventCopiesMetadataDropsNullsAndFreezesIt() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("b", "2");
        metadata.put("a", "1");
        metadata.put("gone", null);
        DeliveryEvent event = new DeliveryEvent("ses", DeliveryStatus.DELIVERED, "Delivery", Instant.EPOCH, "id", null, null,
                null, null, null, metadata);
        metadata.put("c", "3");
        assertThat(event.metadata()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> event.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new DeliveryEvent("ses", DeliveryStatus.OPENED, "Open", Instant.EPOCH, null, null, null, null, null, null, null)
                .metadata()).isEmpty();
    }
}
