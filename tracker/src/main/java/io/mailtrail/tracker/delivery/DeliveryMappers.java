package io.mailtrail.tracker.delivery;

import io.mailtrail.tracker.http.JacksonCheck;
import java.util.List;
import java.util.Locale;

/**
 * The built-in webhook mappers. They need {@code com.fasterxml.jackson.core:jackson-databind} on the class path
 * (an optional dependency of the tracker).
 */
public final class DeliveryMappers {

    /** The names {@link #forName(String)} knows. */
    public static final List<String> NAMES = List.of("ses", "sendgrid", "mailgun", "postmark");

    private DeliveryMappers() {
    }

    /**
     * Amazon SES event publishing or feedback notifications: the SNS HTTP(S) notification body (whose
     * {@code Message} is the event as a JSON string), the bare event JSON (SNS raw message delivery, Firehose), or
     * an EventBridge event whose {@code detail} is the event.
     */
    public static DeliveryEventMapper ses() {
        requireJackson();
        return new SesDeliveryMapper();
    }

    /** SendGrid Event Webhook: a JSON array of events. */
    public static DeliveryEventMapper sendgrid() {
        requireJackson();
        return new SendgridDeliveryMapper();
    }

    /** Mailgun webhooks: {@code {"signature":..., "event-data":{...}}}, or a bare event object (Events API item). */
    public static DeliveryEventMapper mailgun() {
        requireJackson();
        return new MailgunDeliveryMapper();
    }

    /** Postmark webhooks: one JSON object with {@code RecordType}. */
    public static DeliveryEventMapper postmark() {
        requireJackson();
        return new PostmarkDeliveryMapper();
    }

    /**
     * A built-in mapper by provider name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the known names when the name is unknown
     */
    public static DeliveryEventMapper forName(String provider) {
        String name = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "ses" -> ses();
            case "sendgrid" -> sendgrid();
            case "mailgun" -> mailgun();
            case "postmark" -> postmark();
            default -> throw new IllegalArgumentException("Unknown delivery webhook provider '" + provider
                    + "'; known providers: " + String.join(", ", NAMES));
        };
    }

    // before the mapper class is touched: its loading would need Jackson
    private static void requireJackson() {
        JacksonCheck.require("Delivery webhook mappers");
    }
}
