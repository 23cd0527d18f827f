package io.mailtrail.tracker.delivery;

import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.http.ProviderText;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One delivery event of one recipient, in the common vocabulary. The raw recipient address is kept only in memory:
 * whoever logs the event applies the privacy policy first, and {@link #toString()} shows only its domain.
 *
 * @param provider           {@code ses}, {@code sendgrid}, {@code mailgun} or {@code postmark}
 * @param status             the common status
 * @param providerEvent      the provider's own event name, unchanged (e.g. {@code Bounce}, {@code dropped})
 * @param timestamp          when the provider says it happened
 * @param messageId          the provider message id in the same form as {@code HttpCallResult.messageId()}, or null
 * @param recipient          the raw recipient address, or null when the provider does not say whose event it is
 * @param bounceType         {@code hard}, {@code soft} or {@code undetermined} for bounces, else null
 * @param reason             bounce, rejection or complaint text: control characters removed, e-mail local parts
 *                           redacted, capped; or null
 * @param smtpReplyCode      the SMTP reply code when the provider reports one, else null
 * @param smtpEnhancedStatus the RFC 3463 enhanced status such as {@code 5.1.1}, else null
 * @param metadata           the metadata or custom arguments the application set on the message; never null,
 *                           immutable, sorted by key
 * @param errorCategory      the cause of a bounce, rejection or deferral in the taxonomy of failed calls
 *                           ({@code mailtrail.error.category}), null for the other statuses; the shorter
 *                           constructor derives it from the status, reason and codes
 */
public record DeliveryEvent(
        String provider,
        DeliveryStatus status,
        String providerEvent,
        Instant timestamp,
        String messageId,
        String recipient,
        String bounceType,
        String reason,
        Integer smtpReplyCode,
        String smtpEnhancedStatus,
        Map<String, String> metadata,
        ErrorCategory errorCategory) {

    /** An event whose {@link #errorCategory()} is derived from its status, reason, reply code and enhanced status. */
    public DeliveryEvent(String provider, DeliveryStatus status, String providerEvent, Instant timestamp, String messageId,
            String recipient, String bounceType, String reason, Integer smtpReplyCode, String smtpEnhancedStatus,
            Map<String, String> metadata) {
        this(provider, status, providerEvent, timestamp, messageId, recipient, bounceType, reason, smtpReplyCode,
                smtpEnhancedStatus, metadata, BounceCategories.of(status, null, reason, smtpReplyCode, smtpEnhancedStatus));
    }

    /** Like the shorter constructor, with the provider's own bounce classification (SES subtype, Postmark type ...). */
    static DeliveryEvent classified(String provider, DeliveryStatus status, String providerEvent, Instant timestamp,
            String messageId, String recipient, String bounceType, String reason, Integer smtpReplyCode,
            String smtpEnhancedStatus, Map<String, String> metadata, String providerType) {
        return new DeliveryEvent(provider, status, providerEvent, timestamp, messageId, recipient, bounceType, reason,
                smtpReplyCode, smtpEnhancedStatus, metadata,
                BounceCategories.of(status, providerType, reason, smtpReplyCode, smtpEnhancedStatus));
    }

    public DeliveryEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerEvent, "providerEvent");
        TreeMap<String, String> copy = new TreeMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        metadata = Collections.unmodifiableMap(copy);
    }

    /** Like the record's, but with the recipient's local part redacted: events end up in logs by accident. */
    @Override
    public String toString() {
        return "DeliveryEvent[provider=" + provider + ", status=" + status + ", providerEvent=" + providerEvent
                + ", timestamp=" + timestamp + ", messageId=" + messageId + ", recipient=" + ProviderText.clean(recipient)
                + ", bounceType=" + bounceType + ", reason=" + reason + ", smtpReplyCode=" + smtpReplyCode
                + ", smtpEnhancedStatus=" + smtpEnhancedStatus + ", metadata=" + metadata
                + ", errorCategory=" + (errorCategory == null ? null : errorCategory.value()) + "]";
    }
}
