package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.tracker.http.ProviderText;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Postmark webhooks: one JSON object per event, named by {@code RecordType}. */
final class PostmarkDeliveryMapper extends AbstractDeliveryMapper {

    private static final String PROVIDER = "postmark";

    /** Bounce {@code Type} → status; types not listed (AutoResponder, AddressChange...) are UNKNOWN. */
    private static final Map<String, DeliveryStatus> BOUNCE_TYPES = Map.ofEntries(
            Map.entry("HardBounce", DeliveryStatus.BOUNCED_HARD),
            Map.entry("SoftBounce", DeliveryStatus.BOUNCED_SOFT),
            Map.entry("Transient", DeliveryStatus.DEFERRED),
            Map.entry("DnsError", DeliveryStatus.DEFERRED),
            Map.entry("BadEmailAddress", DeliveryStatus.REJECTED),
            Map.entry("ManuallyDeactivated", DeliveryStatus.REJECTED),
            Map.entry("Blocked", DeliveryStatus.REJECTED),
            Map.entry("DMARCPolicy", DeliveryStatus.REJECTED),
            Map.entry("SpamNotification", DeliveryStatus.COMPLAINED),
            Map.entry("SpamComplaint", DeliveryStatus.COMPLAINED),
            Map.entry("SMTPApiError", DeliveryStatus.FAILED),
            Map.entry("TemplateRenderingFailed", DeliveryStatus.FAILED),
            Map.entry("Unsubscribe", DeliveryStatus.UNSUBSCRIBED));

    private static final List<String> TIME_FIELDS = List.of("DeliveredAt", "BouncedAt", "ReceivedAt", "ChangedAt");

    PostmarkDeliveryMapper() {
        super(PROVIDER);
    }

    @Override
    String expectedShape() {
        return "one JSON object with 'RecordType'";
    }

    @Override
    List<DeliveryEvent> map(JsonNode root) throws DeliveryPayloadException {
        String name = payload.text(root, "RecordType", "the webhook");
        Map<String, String> metadata = Payload.strings(root.get("Metadata"));
        String messageId = ProviderText.normaliseMessageId(Payload.optText(root, "MessageID"));
        return List.of(switch (name) {
            case "Delivery" -> {
                String details = Payload.optText(root, "Details");
                yield new DeliveryEvent(PROVIDER, DeliveryStatus.DELIVERED, name, payload.isoTime(root, "DeliveredAt", name),
                        required(messageId, name), payload.text(root, "Recipient", name), null, null,
                        Payload.smtpReplyCode(details), Payload.enhancedStatus(details), metadata);
            }
            case "Bounce" -> bounce(root, name, messageId, metadata);
            case "SpamComplaint" -> new DeliveryEvent(PROVIDER, DeliveryStatus.COMPLAINED, name,
                    payload.isoTime(root, "BouncedAt", name), required(messageId, name), payload.text(root, "Email", name),
                    null, ProviderText.clean(Payload.optText(root, "Description")), null, null, metadata);
            case "Open" -> new DeliveryEvent(PROVIDER, DeliveryStatus.OPENED, name, payload.isoTime(root, "ReceivedAt", name),
                    required(messageId, name), payload.text(root, "Recipient", name), null, null, null, null, metadata);
            case "Click" -> new DeliveryEvent(PROVIDER, DeliveryStatus.CLICKED, name, payload.isoTime(root, "ReceivedAt", name),
                    required(messageId, name), payload.text(root, "Recipient", name), null, null, null, null, metadata);
            case "SubscriptionChange" -> {
                // SuppressSending false is a reactivation, which the common vocabulary has no word for
                JsonNode suppress = root.get("SuppressSending");
                DeliveryStatus status = suppress != null && suppress.asBoolean(false) ? DeliveryStatus.UNSUBSCRIBED : DeliveryStatus.UNKNOWN;
                // MessageID is null for suppressions made by hand
                yield new DeliveryEvent(PROVIDER, status, name, payload.isoTime(root, "ChangedAt", name), messageId,
                        payload.text(root, "Recipient", name), null,
                        ProviderText.clean(Payload.optText(root, "SuppressionReason")), null, null, metadata);
            }
            default -> new DeliveryEvent(PROVIDER, DeliveryStatus.UNKNOWN, name, anyTime(root, name), messageId,
                    Payload.optText(root, "Recipient") != null ? Payload.optText(root, "Recipient") : Payload.optText(root, "Email"),
                    null, null, null, null, metadata);
        });
    }

    private DeliveryEvent bounce(JsonNode root, String name, String messageId, Map<String, String> metadata)
            throws DeliveryPayloadException {
        String type = payload.text(root, "Type", name);
        DeliveryStatus status = BOUNCE_TYPES.getOrDefault(type, DeliveryStatus.UNKNOWN);
        String bounceType = switch (status) {
            case BOUNCED_HARD -> "hard";
            case BOUNCED_SOFT -> "soft";
            default -> null;
        };
        String details = Payload.optText(root, "Details");
        String reason = details != null ? details : Payload.optText(root, "Description");
        return DeliveryEvent.classified(PROVIDER, status, name, payload.isoTime(root, "BouncedAt", name), required(messageId, name),
                payload.text(root, "Email", name), bounceType, ProviderText.clean(reason),
                Payload.smtpReplyCode(details), Payload.enhancedStatus(details), metadata, type);
    }

    private String required(String messageId, String name) throws DeliveryPayloadException {
        if (messageId == null) {
            throw payload.problem(name + " has no 'MessageID'");
        }
        return messageId;
    }

    private Instant anyTime(JsonNode root, String name) throws DeliveryPayloadException {
        for (String field : TIME_FIELDS) {
            if (Payload.optText(root, field) != null) {
                return payload.isoTime(root, field, name);
            }
        }
        throw payload.problem(name + " has none of " + String.join(", ", TIME_FIELDS));
    }
}
