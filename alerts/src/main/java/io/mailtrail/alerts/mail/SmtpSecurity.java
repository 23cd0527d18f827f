package io.mailtrail.alerts.mail;

import java.util.Locale;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain SMTP; only for a relay on the same host or a test server. Default port 25. */
    NONE(25),
    /** Plain connection upgraded with STARTTLS, which is required (the send fails if the server does not offer it). Default port 587. */
    STARTTLS(587),
    /** TLS from the first byte (SMTPS, "implicit TLS"). Default port 465. */
    TLS(465);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port used when none is configured. */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * Parses {@code none}, {@code starttls} or {@code tls} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the option and the value
     */
    public static SmtpSecurity parse(String option, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(option + ": expected none, starttls or tls, got '" + value + "'");
        }
    }
}
