package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.tracker.http.ProviderText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SendGrid Event Webhook: a JSON array of events, custom args merged at the top level of each. */
final class SendgridDeliveryMapper extends AbstractDeliveryMapper {

    private static final String PROVIDER = "sendgrid";

    /**
     * Fields SendGrid itself writes. Everything else at the top level is a custom arg the application set. Some of
     * these are personal data (ip, useragent, url) and must not leak into metadata.
     */
    private static final Set<String> SENDGRID_FIELDS = Set.of(
            "email", "timestamp", "event", "sg_event_id", "sg_message_id", "smtp-id", "category", "reason", "status",
            "response", "attempt", "type", "bounce_classification", "useragent", "ip", "url", "url_offset", "tls",
            "cert_err", "asm_group_id", "marketing_campaign_id", "marketing_campaign_name", "marketing_campaign_version",
            "marketing_campaign_split_id", "post_type", "sg_content_type", "sg_machine_open", "sg_user_id",
            "sg_template_id", "sg_template_name", "template_id", "template_name", "template_version_id", "pool",
            "send_at", "unique_args", "newsletter", "singlesend_id", "singlesend_name", "mc_stats", "phase_id",
            "variation_id", "ab_variation_id", "ab_phase_id");

    SendgridDeliveryMapper() {
        super(PROVIDER);
    }

    @Override
    boolean expectsArray() {
        return true;
    }

    @Override
    String expectedShape() {
        return "a JSON array of events";
    }

    @Override
    List<DeliveryEvent> map(JsonNode root) throws DeliveryPayloadException {
        List<DeliveryEvent> out = new ArrayList<>(root.size());
        int index = 0;
        for (JsonNode event : root) {
            out.add(map(event, "event #" + index++));
        }
        return out;
    }

    private DeliveryEvent map(JsonNode event, String where) throws DeliveryPayloadException {
        if (!event.isObject()) {
            throw payload.problem(where + " is not a JSON object");
        }
        String name = payload.text(event, "event", where);
        Instant at = payload.epochTime(event, "timestamp", where);
        String recipient = payload.text(event, "email", where);
        String messageId = messageIdOf(Payload.optText(event, "sg_message_id"));
        DeliveryStatus status = DeliveryStatus.UNKNOWN;
        String bounceType = null;
        String reason = null;
        String smtpText = null;
        switch (name) {
            case "processed" -> status = DeliveryStatus.ACCEPTED;
            case "dropped" -> {
                status = DeliveryStatus.REJECTED;
                reason = Payload.optText(event, "reason");
            }
            case "deferred" -> {
                status = DeliveryStatus.DEFERRED;
                reason = Payload.optText(event, "response");
                smtpText = reason;
            }
            case "delivered" -> {
                status = DeliveryStatus.DELIVERED;
                smtpText = Payload.optText(event, "response");
            }
            case "bounce" -> {
                // type "blocked" is a block (often reputation or policy), which SendGrid may retry later
                boolean blocked = "blocked".equals(Payload.optText(event, "type"));
                status = blocked ? DeliveryStatus.BOUNCED_SOFT : DeliveryStatus.BOUNCED_HARD;
                bounceType = blocked ? "soft" : "hard";
                reason = Payload.optText(event, "reason");
                smtpText = reason;
            }
            case "open" -> status = DeliveryStatus.OPENED;
            case "click" -> status = DeliveryStatus.CLICKED;
            case "spamreport" -> status = DeliveryStatus.COMPLAINED;
            case "unsubscribe", "group_unsubscribe" -> status = DeliveryStatus.UNSUBSCRIBED;
            default -> {
                // group_resubscribe and anything new: kept, with its raw name
            }
        }
        String enhanced = Payload.optText(event, "status");
        return new DeliveryEvent(PROVIDER, status, name, at, messageId, recipient, bounceType, ProviderText.clean(reason),
                Payload.smtpReplyCode(smtpText),
                enhanced != null ? Payload.enhancedStatus(enhanced) : Payload.enhancedStatus(smtpText),
                customArgs(event));
    }

    /**
     * The {@code X-Message-Id} the send call returned, from an event's {@code sg_message_id}: SendGrid appends a
     * per-recipient suffix to the request id ({@code <x-message-id>.filter...} or {@code <x-message-id>.recvd-...}).
     * Ids of the older dotted form ({@code 14c5d75ce93.dfd.64b469.filter0001...}) are cut at {@code .filter}.
     */
    static String messageIdOf(String sgMessageId) {
        String id = ProviderText.normaliseMessageId(sgMessageId);
        if (id == null) {
            return null;
        }
        int filter = id.indexOf(".filter");
        int cut = filter > 0 ? filter : id.indexOf('.');
        return cut > 0 ? id.substring(0, cut) : id;
    }

    private static Map<String, String> customArgs(JsonNode event) {
        Map<String, String> out = new LinkedHashMap<>();
        event.fields().forEachRemaining(e -> {
            if (!SENDGRID_FIELDS.contains(e.getKey())) {
                String value = Payload.asString(e.getValue());
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            }
        });
        // legacy SMTP API / v2 unique_args arrive as a nested object
        out.putAll(Payload.strings(event.get("unique_args")));
        JsonNode category = event.get("category");
        if (category != null && !category.isNull()) {
            List<String> categories = new ArrayList<>();
            if (category.isArray()) {
                category.forEach(c -> categories.add(c.asText()));
            } else {
                categories.add(category.asText());
            }
            out.put("category", String.join(",", categories));
        }
        return out;
    }
}
