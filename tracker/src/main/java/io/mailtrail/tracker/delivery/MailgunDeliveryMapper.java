package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.tracker.http.ProviderText;
import java.time.Instant;
import java.util.List;

/** Mailgun webhooks ({@code {"signature":..., "event-data":{...}}}) and bare event objects of the Events API. */
final class MailgunDeliveryMapper extends AbstractDeliveryMapper {

    private static final String PROVIDER = "mailgun";

    MailgunDeliveryMapper() {
        super(PROVIDER);
    }

    @Override
    String expectedShape() {
        return "a JSON object with 'event-data'";
    }

    @Override
    List<DeliveryEvent> map(JsonNode root) throws DeliveryPayloadException {
        JsonNode data = root.has("event-data") ? payload.object(root, "event-data", "the webhook") : root;
        if (!data.has("event")) {
            throw payload.problem("the webhook has no 'event-data' (and is no bare event object)");
        }
        String name = payload.text(data, "event", "event-data");
        Instant at = payload.epochTime(data, "timestamp", "event-data");
        String recipient = Payload.optText(data, "recipient");
        JsonNode message = data.get("message");
        String messageId = ProviderText.normaliseMessageId(Payload.optText(message == null ? null : message.get("headers"), "message-id"));
        JsonNode deliveryStatus = data.get("delivery-status");

        DeliveryStatus status = DeliveryStatus.UNKNOWN;
        String bounceType = null;
        String reason = null;
        switch (name) {
            case "accepted" -> status = DeliveryStatus.ACCEPTED;
            case "delivered" -> status = DeliveryStatus.DELIVERED;
            case "failed" -> {
                String why = Payload.optText(data, "reason");
                String severity = Payload.optText(data, "severity");
                if (why != null && why.startsWith("suppress-")) {
                    // not attempted: the address is on a bounce/complaint/unsubscribe list
                    status = DeliveryStatus.REJECTED;
                } else if ("temporary".equals(severity)) {
                    status = DeliveryStatus.DEFERRED;
                } else {
                    // Mailgun documents failed as permanent unless severity says temporary
                    status = DeliveryStatus.BOUNCED_HARD;
                    bounceType = "hard";
                }
                reason = deliveryText(deliveryStatus, why);
            }
            case "rejected" -> {
                status = DeliveryStatus.REJECTED;
                JsonNode reject = data.get("reject");
                reason = Payload.optText(reject, "reason");
                if (reason == null) {
                    reason = Payload.optText(reject, "description");
                }
            }
            case "complained" -> status = DeliveryStatus.COMPLAINED;
            case "opened" -> status = DeliveryStatus.OPENED;
            case "clicked" -> status = DeliveryStatus.CLICKED;
            case "unsubscribed" -> status = DeliveryStatus.UNSUBSCRIBED;
            default -> {
                // stored, list_member_uploaded and anything new: kept, with its raw name
            }
        }
        Integer replyCode = null;
        String enhanced = null;
        if (deliveryStatus != null && deliveryStatus.isObject()) {
            JsonNode code = deliveryStatus.get("code");
            // Mailgun puts its own codes (e.g. 605 "not delivering to previously bounced address") in the same field
            if (code != null && code.canConvertToInt() && code.asInt() >= 200 && code.asInt() < 600) {
                replyCode = code.asInt();
            }
            enhanced = Payload.enhancedStatus(Payload.optText(deliveryStatus, "enhanced-code"));
        }
        return List.of(DeliveryEvent.classified(PROVIDER, status, name, at, messageId, recipient, bounceType,
                ProviderText.clean(reason), replyCode, enhanced, Payload.strings(data.get("user-variables")),
                Payload.optText(data, "reason")));
    }

    /** The server's words first, then Mailgun's description, then its reason keyword. */
    private static String deliveryText(JsonNode deliveryStatus, String why) {
        String message = Payload.optText(deliveryStatus, "message");
        if (message == null) {
            message = Payload.optText(deliveryStatus, "description");
        }
        return message != null ? message : why;
    }
}
