package io.mailtrail.testsupport;

import java.util.Locale;

/** The send APIs {@link FakeProviderServer} can imitate, with the path of each one's send endpoint. */
public enum Provider {
    /** Amazon SES API v2 (REST/JSON): {@code POST /v2/email/outbound-emails}, what {@code SesV2Client} calls. */
    SES("/v2/email/outbound-emails"),
    /** Amazon SES classic query API: {@code POST /} with {@code Action=SendEmail} or {@code SendRawEmail}, XML answers. */
    SES_CLASSIC("/"),
    /** SendGrid v3: {@code POST /v3/mail/send}. */
    SENDGRID("/v3/mail/send"),
    /** Mailgun: {@code POST /v3/<domain>/messages} (domain {@link FakeProviderServer#MAILGUN_DOMAIN}). */
    MAILGUN("/v3/" + FakeProviderServer.MAILGUN_DOMAIN + "/messages"),
    /** Postmark: {@code POST /email}. */
    POSTMARK("/email"),
    /** Resend: {@code POST /emails}. */
    RESEND("/emails");

    private final String sendPath;

    Provider(String sendPath) {
        this.sendPath = sendPath;
    }

    /** The path of the send endpoint; the server answers every path the same way, this is the one clients use. */
    public String sendPath() {
        return sendPath;
    }

    /** {@code ses}, {@code ses-classic}, {@code sendgrid}, ... (the tracker's provider names; classic SES reports as {@code ses}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The provider named {@code name} ({@code ses}, {@code ses-classic}, {@code sendgrid}, {@code mailgun},
     * {@code postmark}, {@code resend}; case and {@code -}/{@code _} do not matter).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Provider named(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Provider p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("provider: '" + name + "' is none of ses, ses-classic, sendgrid, mailgun, postmark, resend");
    }
}
