package io.mailtrail.tracker.http;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The built-in classifiers of provider HTTP responses. They read status, headers and body only — no provider
 * SDK — and need {@code com.fasterxml.jackson.core:jackson-databind} on the class path (an optional dependency
 * of the tracker).
 */
public final class HttpProviders {

    /** The names {@link #forName(String)} knows. */
    public static final List<String> NAMES = List.of("ses", "sendgrid", "mailgun", "postmark", "resend");

    private HttpProviders() {
    }

    /** Amazon SES API v2 {@code SendEmail} (v1 Query API XML errors are understood too). */
    public static ProviderResponseClassifier ses() {
        requireJackson();
        return new SesClassifier(Clock.systemUTC());
    }

    /** SendGrid v3 mail send. */
    public static ProviderResponseClassifier sendgrid() {
        requireJackson();
        return new SendgridClassifier(Clock.systemUTC());
    }

    /** Mailgun messages API. */
    public static ProviderResponseClassifier mailgun() {
        requireJackson();
        return new MailgunClassifier(Clock.systemUTC());
    }

    /** Postmark email and batch API. */
    public static ProviderResponseClassifier postmark() {
        requireJackson();
        return new PostmarkClassifier(Clock.systemUTC());
    }

    /** Resend emails API. */
    public static ProviderResponseClassifier resend() {
        requireJackson();
        return new ResendClassifier(Clock.systemUTC());
    }

    /**
     * A built-in classifier by provider name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the known names when the name is unknown
     */
    public static ProviderResponseClassifier forName(String provider) {
        String name = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "ses" -> ses();
            case "sendgrid" -> sendgrid();
            case "mailgun" -> mailgun();
            case "postmark" -> postmark();
            case "resend" -> resend();
            default -> throw new IllegalArgumentException(
                    "Unknown HTTP email provider '" + provider + "'; known providers: " + String.join(", ", NAMES));
        };
    }

    // before the classifier class is touched: its loading would need Jackson
    private static void requireJackson() {
        JacksonCheck.require("HTTP provider classifiers");
    }
}
