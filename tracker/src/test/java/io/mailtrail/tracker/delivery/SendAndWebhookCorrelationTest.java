package io.mailtrail.tracker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtrail.tracker.http.HttpCallResult;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A send response and a webhook of the same message, as each provider documents them: the message id the classifier
 * reads from the send call equals the id on every delivery event, so calls and deliveries join on {@code email.message_id}.
 */
class SendAndWebhookCorrelationTest {

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "ses|200|{\"MessageId\":\"0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000\"}|sns-bounce-permanent.json|null",
            "ses|200|{\"MessageId\":\"0102018c1b2c3d4e-5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000\"}|eventbridge-delivery.json|null",
            "sendgrid|202||events.json|W86EgYT6SQKk0lRflfLRsA",
            "sendgrid|202||legacy-id.json|14c5d75ce93.dfd.64b469",
            "mailgun|200|{\"id\":\"<20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com>\",\"message\":\"Queued. Thank you.\"}|failed-permanent.json|null",
            "mailgun|200|{\"id\":\"<20261127120000.1.5A3B9C2D1E0F4A6B@mg.example.com>\",\"message\":\"Queued. Thank you.\"}|delivered.json|null",
            "postmark|200|{\"To\":\"jane.doe@example.com\",\"SubmittedAt\":\"2026-11-27T07:00:00.1234567-05:00\",\"MessageID\":\"b7bc2f4a-e38e-4336-af7d-e6c392c2f817\",\"ErrorCode\":0,\"Message\":\"OK\"}|bounce-hard.json|null",
            "postmark|200|{\"To\":\"jane.doe@example.com\",\"SubmittedAt\":\"2026-11-27T07:00:00.1234567-05:00\",\"MessageID\":\"b7bc2f4a-e38e-4336-af7d-e6c392c2f817\",\"ErrorCode\":0,\"Message\":\"OK\"}|delivery.json|null",
    })
    void sendCallAndDeliveryEventsCarryTheSameMessageId(String provider, int status, String body, String webhook, String xMessageId)
            throws Exception {
        Map<String, List<String>> headers = xMessageId == null ? Map.of() : Map.of("X-Message-Id", List.of(xMessageId));
        HttpCallResult sent = HttpProviders.forName(provider).classify(new HttpResponseView(status, headers, body));
        List<DeliveryEvent> events = DeliveryMappers.forName(provider).map(Samples.read(provider, webhook));

        assertThat(sent.messageId()).isNotBlank();
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.messageId()).isEqualTo(sent.messageId()));
    }
}
