package io.mailtrail.tracker.smtp;

import java.util.Locale;

/** The SMTP stage a reply answered: the same code means different things at different stages. */
public enum SmtpCommand {
    /** Greeting, EHLO, STARTTLS. */
    CONNECT,
    AUTH,
    /** MAIL FROM: the sender. */
    MAIL,
    /** RCPT TO: a recipient. */
    RCPT,
    /** DATA and the end of data: the message itself. */
    DATA;

    /** From Angus' {@code getCommand()} text, e.g. {@code "MAIL FROM:<a@b>"}; DATA when unknown. */
    static SmtpCommand of(String command) {
        if (command == null) {
            return DATA;
        }
        String c = command.trim().toUpperCase(Locale.ROOT);
        if (c.startsWith("MAIL")) {
            return MAIL;
        }
        if (c.startsWith("RCPT")) {
            return RCPT;
        }
        if (c.startsWith("AUTH")) {
            return AUTH;
        }
        if (c.startsWith("EHLO") || c.startsWith("HELO") || c.startsWith("STARTTLS")) {
            return CONNECT;
        }
        return DATA;
    }
}
