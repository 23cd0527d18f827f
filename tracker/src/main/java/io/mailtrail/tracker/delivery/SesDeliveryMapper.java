package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.tracker.http.ProviderText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SES events ({@code eventType}, event publishing) and feedback notifications ({@code notificationType}),
 * in an SNS notification envelope, bare, or as EventBridge {@code detail}.
 */
final class SesDeliveryMapper extends AbstractDeliveryMapper {

    private static final String PROVIDER = "ses";

    SesDeliveryMapper() {
        super(PROVIDER);
    }

    @Override
    String expectedShape() {
        return "a JSON object (an SNS notification or an SES event)";
    }

    @Override
    List<DeliveryEvent> map(JsonNode root) throws DeliveryPayloadException {
        JsonNode event = unwrap(root);
        String name = Payload.optText(event, "eventType");
        if (name == null) {
            name = Payload.optText(event, "notificationType");
        }
        if (name == null) {
            throw payload.problem("the event has neither 'eventType' nor 'notificationType'");
        }
        if ("AmazonSnsSubscriptionSucceeded".equals(name)) {
            throw payload.problem("this is SES's AmazonSnsSubscriptionSucceeded setup notice, not an email event");
        }
        return new Event(event, name).map();
    }

    private JsonNode unwrap(JsonNode root) throws DeliveryPayloadException {
        String snsType = Payload.optText(root, "Type");
        if (snsType != null) {
            if ("SubscriptionConfirmation".equals(snsType) || "UnsubscribeConfirmation".equals(snsType)) {
                throw payload.problem("this is an SNS " + snsType + ", not an email event: confirm the subscription by "
                        + "opening its SubscribeURL (or with the SNS ConfirmSubscription API and its Token)");
            }
            if (!"Notification".equals(snsType)) {
                throw payload.problem("unexpected SNS message Type (expected Notification)");
            }
            String message = payload.text(root, "Message", "the SNS notification");
            JsonNode inner = payload.parse(message);
            if (!inner.isObject()) {
                throw payload.problem("the SNS notification's Message is not a JSON object");
            }
            return inner;
        }
        JsonNode detail = root.get("detail");
        if (detail != null && detail.isObject() && root.has("detail-type")) {
            return detail;
        }
        return root;
    }

    /** One SES event being mapped. */
    private final class Event {
        private final JsonNode event;
        private final String name;
        private final JsonNode mail;
        private final String messageId;
        private final Map<String, String> metadata;

        Event(JsonNode event, String name) throws DeliveryPayloadException {
            this.event = event;
            this.name = name;
            this.mail = payload.object(event, "mail", "the " + name + " event");
            this.messageId = ProviderText.normaliseMessageId(payload.text(mail, "messageId", "mail"));
            this.metadata = tags(mail.get("tags"));
        }

        List<DeliveryEvent> map() throws DeliveryPayloadException {
            return switch (name) {
                case "Send" -> perDestination(DeliveryStatus.ACCEPTED, mailTime(), null);
                case "Delivery" -> delivery();
                case "Bounce" -> bounce();
                case "Complaint" -> complaint();
                case "Reject" -> perDestination(DeliveryStatus.REJECTED, mailTime(),
                        Payload.optText(event.get("reject"), "reason"));
                case "DeliveryDelay" -> delay();
                case "Rendering Failure" -> perDestination(DeliveryStatus.FAILED, mailTime(),
                        Payload.optText(event.get("failure"), "errorMessage"));
                case "Open" -> engagement(DeliveryStatus.OPENED, "open");
                case "Click" -> engagement(DeliveryStatus.CLICKED, "click");
                case "Subscription" -> engagement(DeliveryStatus.UNSUBSCRIBED, "subscription");
                default -> perDestination(DeliveryStatus.UNKNOWN, mailTime(), null);
            };
        }

        private Instant mailTime() throws DeliveryPayloadException {
            return payload.isoTime(mail, "timestamp", "mail");
        }

        private List<String> destinations() throws DeliveryPayloadException {
            List<String> out = new ArrayList<>();
            for (JsonNode d : payload.array(mail, "destination", "mail")) {
                if (!d.isTextual() || d.asText().isBlank()) {
                    throw payload.problem("mail 'destination' holds something that is not an address");
                }
                out.add(d.asText());
            }
            return out;
        }

        private List<DeliveryEvent> perDestination(DeliveryStatus status, Instant at, String reason) throws DeliveryPayloadException {
            List<DeliveryEvent> out = new ArrayList<>();
            for (String recipient : destinations()) {
                out.add(event(status, at, recipient, null, reason, null, null));
            }
            return out;
        }

        /** Opens and clicks say nothing of whose they are: the recipient is known only for a single destination. */
        private List<DeliveryEvent> engagement(DeliveryStatus status, String objectName) throws DeliveryPayloadException {
            JsonNode object = payload.object(event, objectName, "the " + name + " event");
            Instant at = payload.isoTime(object, "timestamp", objectName);
            List<String> destinations = destinations();
            String recipient = destinations.size() == 1 ? destinations.get(0) : null;
            return List.of(event(status, at, recipient, null, null, null, null));
        }

        private List<DeliveryEvent> delivery() throws DeliveryPayloadException {
            JsonNode delivery = payload.object(event, "delivery", "the Delivery event");
            Instant at = payload.isoTime(delivery, "timestamp", "delivery");
            String smtp = Payload.optText(delivery, "smtpResponse");
            List<DeliveryEvent> out = new ArrayList<>();
            for (String recipient : recipients(delivery, "recipients", "delivery", null)) {
                out.add(event(DeliveryStatus.DELIVERED, at, recipient, null, null,
                        Payload.smtpReplyCode(smtp), Payload.enhancedStatus(smtp)));
            }
            return out;
        }

        private List<DeliveryEvent> bounce() throws DeliveryPayloadException {
            JsonNode bounce = payload.object(event, "bounce", "the Bounce event");
            String type = payload.text(bounce, "bounceType", "bounce");
            String subType = Payload.optText(bounce, "bounceSubType");
            Instant at = payload.isoTime(bounce, "timestamp", "bounce");
            DeliveryStatus status;
            String bounceType;
            switch (type) {
                case "Permanent" -> {
                    // SES did not even try: the address is on a suppression list
                    boolean suppressed = "Suppressed".equals(subType) || "OnAccountSuppressionList".equals(subType);
                    status = suppressed ? DeliveryStatus.REJECTED : DeliveryStatus.BOUNCED_HARD;
                    bounceType = "hard";
                }
                case "Transient" -> {
                    status = DeliveryStatus.BOUNCED_SOFT;
                    bounceType = "soft";
                }
                case "Undetermined" -> {
                    status = DeliveryStatus.BOUNCED_SOFT;
                    bounceType = "undetermined";
                }
                default -> {
                    status = DeliveryStatus.UNKNOWN;
                    bounceType = "undetermined";
                }
            }
            List<DeliveryEvent> out = new ArrayList<>();
            for (JsonNode r : payload.array(bounce, "bouncedRecipients", "bounce")) {
                String recipient = payload.text(r, "emailAddress", "a bounced recipient");
                String diagnostic = Payload.optText(r, "diagnosticCode");
                String enhanced = Payload.optText(r, "status");
                String reason = diagnostic != null ? diagnostic : subType == null ? type : type + "/" + subType;
                out.add(event(status, at, recipient, bounceType, reason, Payload.smtpReplyCode(diagnostic),
                        enhanced != null ? Payload.enhancedStatus(enhanced) : Payload.enhancedStatus(diagnostic), subType));
            }
            return out;
        }

        private List<DeliveryEvent> complaint() throws DeliveryPayloadException {
            JsonNode complaint = payload.object(event, "complaint", "the Complaint event");
            Instant at = payload.isoTime(complaint, "timestamp", "complaint");
            // not sent at all: the recipient had complained before and is on the account's suppression list
            DeliveryStatus status = "OnAccountSuppressionList".equals(Payload.optText(complaint, "complaintSubType"))
                    ? DeliveryStatus.REJECTED : DeliveryStatus.COMPLAINED;
            String reason = Payload.optText(complaint, "complaintFeedbackType");
            List<DeliveryEvent> out = new ArrayList<>();
            for (String recipient : recipients(complaint, "complainedRecipients", "complaint", "emailAddress")) {
                out.add(event(status, at, recipient, null, reason, null, null));
            }
            return out;
        }

        private List<DeliveryEvent> delay() throws DeliveryPayloadException {
            JsonNode delay = payload.object(event, "deliveryDelay", "the DeliveryDelay event");
            Instant at = payload.isoTime(delay, "timestamp", "deliveryDelay");
            String delayType = Payload.optText(delay, "delayType");
            List<DeliveryEvent> out = new ArrayList<>();
            for (JsonNode r : payload.array(delay, "delayedRecipients", "deliveryDelay")) {
                String recipient = payload.text(r, "emailAddress", "a delayed recipient");
                String diagnostic = Payload.optText(r, "diagnosticCode");
                String enhanced = Payload.optText(r, "status");
                out.add(event(DeliveryStatus.DEFERRED, at, recipient, null, diagnostic != null ? diagnostic : delayType,
                        Payload.smtpReplyCode(diagnostic), enhanced != null ? Payload.enhancedStatus(enhanced) : Payload.enhancedStatus(diagnostic)));
            }
            return out;
        }

        /** Recipients as strings ({@code field} null) or as objects holding the address in {@code field}. */
        private List<String> recipients(JsonNode parent, String arrayName, String where, String field) throws DeliveryPayloadException {
            List<String> out = new ArrayList<>();
            for (JsonNode r : payload.array(parent, arrayName, where)) {
                if (field != null) {
                    out.add(payload.text(r, field, "an entry of " + where + " '" + arrayName + "'"));
                } else if (r.isTextual() && !r.asText().isBlank()) {
                    out.add(r.asText());
                } else {
                    throw payload.problem(where + " '" + arrayName + "' holds something that is not an address");
                }
            }
            return out;
        }

        private DeliveryEvent event(DeliveryStatus status, Instant at, String recipient, String bounceType, String reason,
                                    Integer replyCode, String enhanced) {
            return event(status, at, recipient, bounceType, reason, replyCode, enhanced, null);
        }

        /** {@code subType}: the bounce's {@code bounceSubType}, SES's own word for its cause. */
        private DeliveryEvent event(DeliveryStatus status, Instant at, String recipient, String bounceType, String reason,
                                    Integer replyCode, String enhanced, String subType) {
            return DeliveryEvent.classified(PROVIDER, status, name, at, messageId, recipient, bounceType,
                    ProviderText.clean(reason), replyCode, enhanced, metadata, subType);
        }
    }

    /** Message tags the application set; SES's automatic {@code ses:*} tags (source IP, caller identity...) are not. */
    private static Map<String, String> tags(JsonNode tags) {
        if (tags == null || !tags.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("ses:") || e.getKey().startsWith("aws:")) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(x -> values.add(x.asText()));
                out.put(e.getKey(), String.join(",", values));
            } else if (v.isValueNode() && !v.isNull()) {
                out.put(e.getKey(), v.asText());
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
