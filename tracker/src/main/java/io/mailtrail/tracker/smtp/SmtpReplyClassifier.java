package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;

/**
 * The error category and retryability of a failed SMTP reply, from everything the reply carries. In order:
 * <ol>
 *   <li>a reply code that decides alone (RFC 4954 530/534/535/538: authentication);</li>
 *   <li>a <em>decisive</em> enhanced status: one that names a single cause (x.1.1 bad mailbox, x.2.2 mailbox
 *       full, x.7.23 SPF failed; see {@link EnhancedStatusCodes});</li>
 *   <li>the reply text, when it names a cause ({@link ReplyPhrases}: "DMARC", "blocked using", "over quota" ...);</li>
 *   <li>a generic enhanced status (x.7.1, x.5.0 ...), else the reply code (RFC 5321 section 4.2.2/4.2.3);</li>
 * </ol>
 * and the stage refines what the code alone says: a 5xx at the greeting refuses the client host, at MAIL
 * FROM the sender, at RCPT TO the recipient, after DATA the message. Stateless and thread-safe.
 *
 * <p>Retryable follows the cause ({@link #retryable(ErrorCategory, SmtpReply)}), not only the first digit.
 */
public final class SmtpReplyClassifier {

    private SmtpReplyClassifier() {
    }

    /**
     * What a reply means.
     *
     * @param category  the error category
     * @param retryable whether trying the same send again may succeed
     * @param basis     what decided: {@code code}, {@code enhanced x.y.z}, {@code phrase <rule>}, for tests and debugging
     */
    public record Diagnosis(ErrorCategory category, boolean retryable, String basis) {
    }

    /** The category of a failed reply; {@code stage} may be null when it is not known (a webhook's bounce). */
    public static ErrorCategory category(SmtpReply reply, SmtpCommand stage) {
        return diagnose(reply, stage).category();
    }

    /** Category, retryability and what decided, for a failed reply; {@code stage} may be null (unknown). */
    public static Diagnosis diagnose(SmtpReply reply, SmtpCommand stage) {
        int code = reply.code();
        ErrorCategory c;
        String basis;
        EnhancedStatusCodes.Entry status = EnhancedStatusCodes.lookup(reply.enhanced());
        ReplyPhrases.Rule phrase;
        if (code == 530 || code == 534 || code == 535 || code == 538) {
            // RFC 4954 section 6: authentication required / mechanism too weak / credentials invalid / encryption required
            // ... except that x.7.13 "User Account Disabled" (RFC 5248) names the account: it exists, it is blocked
            c = status != null && status.code().equals("7.13") ? ErrorCategory.ACCOUNT_BLOCKED : ErrorCategory.AUTHENTICATION;
            basis = "code " + code;
        } else if (status != null && status.decisive()
                && !(status.code().startsWith("1.") && senderSideOverride(status, phrase = ReplyPhrases.match(reply.text())))) {
            c = byStage(status.category(), status.code(), stage);
            basis = "enhanced " + reply.enhanced();
        } else if ((phrase = ReplyPhrases.match(reply.text())) != null) {
            c = byStageForPhrase(phrase.category(), stage);
            basis = "phrase " + phrase.name();
        } else if (status != null && status.category() != ErrorCategory.UNKNOWN) {
            c = refine(genericStatus(status, code, stage), code, stage, false);
            basis = "enhanced " + reply.enhanced();
        } else {
            c = refine(byCode(code, stage), code, stage, true);
            basis = "code " + code;
        }
        return new Diagnosis(c, retryable(c, reply), basis);
    }

    /**
     * Whether a failure of this cause is worth another attempt: the category's own retryability
     * ({@link ErrorCategory#retryableByDefault()}: network, timeout, rate_limited, provider_unavailable,
     * mailbox_full), except that a server or TLS failure reported as permanent (5xx) is believed. So a 4xx "user
     * unknown" is not retried (the address will not appear), while a 5xx "mailbox full" or a 5xx "rate
     * limited" may be, later. {@link io.mailtrail.tracker.retry.RetryPolicy}'s defaults retry exactly these.
     */
    public static boolean retryable(ErrorCategory category, SmtpReply reply) {
        if (!category.retryableByDefault()) {
            return false;
        }
        if (category == ErrorCategory.PROVIDER_UNAVAILABLE || category == ErrorCategory.NETWORK || category == ErrorCategory.TIMEOUT) {
            return reply.transientFailure() || !reply.known(); // a server (or TLS) failure it calls permanent is believed
        }
        return true;
    }

    /**
     * Whether the text names a sending-side cause that an address status (subject 1, x.1.y) cannot mean: servers
     * reuse 5.1.1/5.1.0 for whatever they refuse at RCPT TO, but an SPF failure, a blocklisted IP or a rate limit
     * is never a property of the recipient's address.
     */
    private static boolean senderSideOverride(EnhancedStatusCodes.Entry status, ReplyPhrases.Rule phrase) {
        if (phrase == null || !status.code().startsWith("1.")) {
            return false;
        }
        ErrorCategory p = phrase.category();
        return p == ErrorCategory.SENDER_AUTHENTICATION_FAILED || p == ErrorCategory.SENDER_BLOCKLISTED
                || p == ErrorCategory.RATE_LIMITED;
    }

    /** Decisive codes whose subject depends on who is asking: x.7.13 "User Account Disabled". */
    private static ErrorCategory byStage(ErrorCategory c, String code, SmtpCommand stage) {
        if (code.equals("7.13") && (stage == SmtpCommand.AUTH || stage == SmtpCommand.MAIL)) {
            return ErrorCategory.ACCOUNT_BLOCKED; // the account disabled is the one logging in / sending
        }
        return c;
    }

    /** A recipient's "account disabled" phrase said to MAIL FROM or AUTH is about the sending account. */
    private static ErrorCategory byStageForPhrase(ErrorCategory c, SmtpCommand stage) {
        if (c == ErrorCategory.RECIPIENT_REJECTED && stage == SmtpCommand.AUTH) {
            return ErrorCategory.AUTHENTICATION;
        }
        if (c == ErrorCategory.RECIPIENT_REJECTED && stage == SmtpCommand.MAIL) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED; // e.g. "553 sender domain does not exist"
        }
        return c;
    }

    /** A generic enhanced status: x.1.0 at MAIL is the sender, x.4.1 at RCPT is Exchange Online's recipient block. */
    private static ErrorCategory genericStatus(EnhancedStatusCodes.Entry status, int code, SmtpCommand stage) {
        String s = status.code();
        if (s.equals("4.1") && stage == SmtpCommand.RCPT && code / 100 == 5) {
            // Microsoft EXO: "550 5.4.1 Recipient address rejected: Access denied" (directory based edge blocking)
            return ErrorCategory.RECIPIENT_REJECTED;
        }
        if (s.equals("7.1") || s.equals("7.0")) {
            // RFC 3463 x.7.1: "the sender is not authorized to send to the destination ... per-host or per-recipient
            // filtering". Before DATA nothing but the client and the envelope is known.
            if (stage == SmtpCommand.CONNECT) {
                return ErrorCategory.SENDER_BLOCKLISTED;
            }
            if (stage == SmtpCommand.MAIL || stage == SmtpCommand.RCPT) {
                return ErrorCategory.SENDER_NOT_AUTHORIZED;
            }
        }
        return status.category();
    }

    /** The reply code alone (RFC 5321 section 4.2.2/4.2.3, RFC 7504), read with the stage. */
    private static ErrorCategory byCode(int code, SmtpCommand stage) {
        return switch (code) {
            // Amazon SES SMTP interface: "454 Throttling failure: Maximum sending rate exceeded"; at AUTH RFC 4954's
            // "454 4.7.0 Temporary authentication failure"
            case 454 -> stage == SmtpCommand.AUTH ? ErrorCategory.PROVIDER_UNAVAILABLE : ErrorCategory.RATE_LIMITED;
            case 421, 451 -> ErrorCategory.PROVIDER_UNAVAILABLE;
            // RFC 5321 4.5.3.1.10: at RCPT, 452 is "too many recipients", to send in another transaction
            case 452 -> stage == SmtpCommand.RCPT ? ErrorCategory.RATE_LIMITED : ErrorCategory.PROVIDER_UNAVAILABLE;
            case 450, 550, 551, 553 -> ErrorCategory.RECIPIENT_REJECTED;
            // RFC 5321: 552 "exceeded storage allocation" (the recipient's) at RCPT, the message's size after DATA
            case 552 -> stage == SmtpCommand.RCPT ? ErrorCategory.MAILBOX_FULL : ErrorCategory.PAYLOAD_TOO_LARGE;
            case 554 -> stage == SmtpCommand.RCPT ? ErrorCategory.RECIPIENT_REJECTED : ErrorCategory.CONTENT_REJECTED;
            // RFC 7504: 521 the host does not accept mail, 556 the domain does not
            case 521, 556 -> ErrorCategory.RECIPIENT_REJECTED;
            case 500, 501, 502, 503, 504, 555 -> ErrorCategory.INVALID_REQUEST;
            default -> code / 100 == 4 ? ErrorCategory.PROVIDER_UNAVAILABLE : ErrorCategory.UNKNOWN;
        };
    }

    /**
     * What the stage says about a refusal read as address or content. An enhanced status has already named its
     * subject (x.2.1 is a mailbox even after DATA), so only the sender stages refine it; a bare reply code is
     * refined at every stage.
     */
    private static ErrorCategory refine(ErrorCategory c, int code, SmtpCommand stage, boolean bareCode) {
        boolean permanent = code / 100 == 5;
        boolean refusal = c == ErrorCategory.RECIPIENT_REJECTED || c == ErrorCategory.CONTENT_REJECTED;
        if (stage == SmtpCommand.AUTH && permanent && c != ErrorCategory.AUTHENTICATION) {
            return ErrorCategory.AUTHENTICATION;
        }
        if (stage == SmtpCommand.MAIL && permanent && refusal) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED; // RFC 5321 550/553 to MAIL FROM: the sender is refused
        }
        if (!bareCode) {
            return c;
        }
        if (stage == SmtpCommand.CONNECT && permanent && refusal) {
            // RFC 5321 3.1: a 554 (or 550) greeting or HELO answer refuses the connecting host itself
            return ErrorCategory.SENDER_BLOCKLISTED;
        }
        if (stage == SmtpCommand.DATA && permanent && c == ErrorCategory.RECIPIENT_REJECTED && code == 550) {
            return ErrorCategory.CONTENT_REJECTED; // after the end of data the message is refused, not an address
        }
        return c;
    }
}
