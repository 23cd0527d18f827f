package io.mailtrail.tracker.delivery;

import io.mailtrail.schema.DeliveryStatus;

import java.time.Instant;
import java.util.Map;

/** PLACEHOLDER of the tracker-api contract type; replaced by the providers helper's at merge. */
public record DeliveryEvent(String provider, DeliveryStatus status, String providerEvent, Instant timestamp,
        String messageId, String recipient, String bounceType, String reason, Integer smtpReplyCode,
        String smtpEnhancedStatus, Map<String, String> metadata) {
}
