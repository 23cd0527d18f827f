package io.mailtrail.tracker.event;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.Fields;
import io.mailtrail.schema.Outcome;
import io.mailtrail.tracker.IdSource;
import io.mailtrail.tracker.MessageIds;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.privacy.RecipientSummary;
import io.mailtrail.tracker.delivery.DeliveryEvent;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Logs what providers report later about a message (the {@link DeliveryEvent}s the webhook mappers of
 * {@code io.mailtrail.tracker.delivery} produce): one event per delivery event to logger
 * {@code mailtrail.delivery}, with the privacy policy applied (the recipient becomes domain and keyed hash,
 * the reason is redacted). Failures (bounces, rejections, complaints) at WARN, the rest at INFO. Thread-safe.
 */
public final class DeliveryEventLogger {

    private static final Set<DeliveryStatus> WARN = Set.of(DeliveryStatus.BOUNCED_HARD, DeliveryStatus.BOUNCED_SOFT,
            DeliveryStatus.REJECTED, DeliveryStatus.FAILED, DeliveryStatus.COMPLAINED);
    private static final int MAX_LABELS = 32;

    private final Logger logger;
    private final PrivacyPolicy privacy;
    private final IdSource ids;
    private final Clock clock;
    private final String serviceName;
    private final CommonPairs common = new CommonPairs(Dataset.DELIVERY);

    private DeliveryEventLogger(Builder b) {
        this.logger = (b.loggerFactory != null ? b.loggerFactory : LoggerFactory.getILoggerFactory())
                .getLogger(Dataset.DELIVERY.loggerName());
        this.privacy = b.privacy;
        this.ids = b.ids;
        this.clock = b.clock;
        this.serviceName = b.serviceName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Logs one delivery event.
     *
     * @throws IllegalArgumentException if the event or its status is missing: nothing is logged then
     */
    public void log(DeliveryEvent e) {
        if (e == null || e.status() == null) {
            throw new IllegalArgumentException("delivery event " + (e == null ? "is null" : "has no status") + ": nothing logged");
        }
        DeliveryStatus status = e.status();
        Level level = WARN.contains(status) ? Level.WARN : Level.INFO;
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        Instant at = e.timestamp() != null ? e.timestamp() : clock.instant();
        String provider = privacy.redactLine(e.provider());
        Outcome outcome = status.outcome();
        RecipientSummary recipient = privacy.recipient(e.recipient());
        EventBuilder b = new EventBuilder()
                .common(common, at, ids.newId(), status.value());
        b.put(Fields.EVENT_OUTCOME, outcome == null ? null : outcome.value())
                .put(Fields.SERVICE_NAME, serviceName)
                .put(Fields.EVENT_PROVIDER, provider)
                .put(Fields.PROVIDER, provider)
                .put(Fields.DELIVERY_STATUS, status.value())
                .put(Fields.PROVIDER_EVENT, privacy.redactLine(e.providerEvent()))
                .put(Fields.BOUNCE_TYPE, privacy.redactLine(e.bounceType()))
                .put(Fields.EVENT_REASON, privacy.redactLine(e.reason()))
                .put(Fields.EMAIL_MESSAGE_ID, MessageIds.normalise(e.messageId()))
                .put(Fields.SMTP_REPLY_CODE, e.smtpReplyCode() == null ? null : (long) e.smtpReplyCode())
                .put(Fields.SMTP_ENHANCED_STATUS, privacy.redactLine(e.smtpEnhancedStatus()))
                .put(Fields.ERROR_CATEGORY, e.errorCategory() == null ? null : e.errorCategory().value())
                .put(Fields.RECIPIENT_DOMAIN, recipient.domains())
                .put(Fields.RECIPIENT_HASH, recipient.hashes())
                .put(Fields.LABELS, labels(e.metadata()));
        if (status == DeliveryStatus.DELIVERED) {
            b.put(Fields.EMAIL_DELIVERY_TIMESTAMP, Timestamps.iso(at));
        }
        rateIndicators(b, status);
        KeyValueEvent.log(logger, level, provider + " delivery " + status.value(), b.pairs());
    }

    /**
     * The 0/1 indicators whose averages are the bounce and complaint rates (no script needed in a watch): a
     * delivery counts 0 in both denominators, a hard bounce 1 in the bounce rate, a complaint 1 in the
     * complaint rate; other statuses are in neither population.
     */
    private static void rateIndicators(EventBuilder b, DeliveryStatus status) {
        switch (status) {
            case DELIVERED -> b.put(Fields.BOUNCE_COUNT, 0L).put(Fields.COMPLAINT_COUNT, 0L);
            case BOUNCED_HARD -> b.put(Fields.BOUNCE_COUNT, 1L);
            case COMPLAINED -> b.put(Fields.COMPLAINT_COUNT, 1L);
            default -> {
            }
        }
    }

    /** Logs each event of a webhook payload, in order. */
    public void logAll(Iterable<DeliveryEvent> events) {
        for (DeliveryEvent e : events) {
            log(e);
        }
    }

    /** Metadata the application attached (e.g. its send id) become labels, redacted like any free text. */
    private Map<String, String> labels(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (labels.size() == MAX_LABELS) {
                break;
            }
            if (m.getKey() != null && m.getValue() != null) {
                labels.put(privacy.redactLine(m.getKey()), privacy.redactLine(m.getValue()));
            }
        }
        return labels;
    }

    /** Builds a {@link DeliveryEventLogger}. */
    public static final class Builder {
        private PrivacyPolicy privacy = PrivacyPolicy.defaults();
        private IdSource ids = IdSource.random();
        private Clock clock = Clock.systemUTC();
        private ILoggerFactory loggerFactory;
        private String serviceName;

        private Builder() {
        }

        /** Use the same policy (and HMAC key) as the tracker, so recipient hashes of calls and deliveries match. */
        public Builder privacy(PrivacyPolicy privacy) {
            this.privacy = require("privacy", privacy);
            return this;
        }

        public Builder ids(IdSource ids) {
            this.ids = require("ids", ids);
            return this;
        }

        /** {@code @timestamp} when the provider gave no time. */
        public Builder clock(Clock clock) {
            this.clock = require("clock", clock);
            return this;
        }

        public Builder loggerFactory(ILoggerFactory loggerFactory) {
            this.loggerFactory = require("loggerFactory", loggerFactory);
            return this;
        }

        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName == null || serviceName.isBlank() ? null : serviceName.trim();
            return this;
        }

        public DeliveryEventLogger build() {
            return new DeliveryEventLogger(this);
        }

        private static <V> V require(String option, V value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " is null: leave it unset for the default");
            }
            return value;
        }
    }
}
