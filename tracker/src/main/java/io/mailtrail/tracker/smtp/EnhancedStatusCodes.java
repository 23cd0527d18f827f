package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;

import java.util.HashMap;
import java.util.Map;

/**
 * The enhanced status codes (subject.detail of {@code class.subject.detail}) with their meaning and mailtrail's
 * category: the IANA "SMTP Enhanced Status Codes" registry (RFC 3463, its registry RFC 5248, and the codes
 * added by RFC 3886, 4468, 4954, 6531, 6710, 7293, 7372, 7504, 7505), then the few vendor codes whose meaning
 * their vendor documents. Immutable.
 *
 * <p>An entry is <em>decisive</em> when its code names one cause precisely (x.1.1 "bad destination mailbox",
 * x.7.23 "SPF validation failed"): the reply text does not override it. Generic codes (x.0.0, x.7.1 "delivery
 * not authorized", x.5.0 ...) and codes that servers are known to use loosely are not: there the reply text,
 * when it names a cause, decides ({@link ReplyPhrases}).
 */
final class EnhancedStatusCodes {

    /**
     * One row of the table.
     *
     * @param code     {@code subject.detail}, e.g. {@code 7.23}
     * @param meaning  the registry's (or vendor's) title
     * @param category mailtrail's category for a failure with this code
     * @param decisive whether the code alone decides (see the class comment)
     * @param source   where the meaning comes from
     */
    record Entry(String code, String meaning, ErrorCategory category, boolean decisive, String source) {
    }

    private static final String RFC3463 = "RFC 3463";
    private static final String RFC5248 = "RFC 5248";
    private static final String RFC4954 = "RFC 4954";
    private static final String RFC6710 = "RFC 6710";
    private static final String RFC7293 = "RFC 7293";
    private static final String RFC7372 = "RFC 7372";
    private static final String RFC6531 = "RFC 6531";
    /** learn.microsoft.com: "Email non-delivery reports and SMTP errors in Exchange Online". */
    private static final String EXO = "Microsoft, Exchange Online NDR reference";

    private static final Map<String, Entry> TABLE = table();

    private EnhancedStatusCodes() {
    }

    /** The entry for an enhanced status such as {@code 5.7.23}, or null when the code is not in the table. */
    static Entry lookup(String enhanced) {
        if (enhanced == null) {
            return null;
        }
        int dot = enhanced.indexOf('.');
        if (dot < 0) {
            return null;
        }
        Entry e = TABLE.get(enhanced.substring(dot + 1));
        if (e != null) {
            return e;
        }
        return bySubject(enhanced.substring(dot + 1));
    }

    /** Vendor detail ranges and, last, the subject alone (RFC 3463 section 3: x.y.0 is "other" of subject y). */
    private static Entry bySubject(String subjectDetail) {
        int dot = subjectDetail.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String subject = subjectDetail.substring(0, dot);
        int detail;
        try {
            detail = Integer.parseInt(subjectDetail.substring(dot + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (subject.equals("7") && detail >= 606 && detail <= 649) {
            return new Entry(subjectDetail, "Access denied, banned sending IP", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        }
        if (subject.equals("7") && detail >= 700 && detail <= 750) {
            return new Entry(subjectDetail, "Access denied, sending tenant blocked or over its threshold",
                    ErrorCategory.ACCOUNT_BLOCKED, true, EXO);
        }
        return switch (subject) {
            case "1" -> new Entry(subject + ".0", "Other address status", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
            case "2" -> new Entry(subject + ".0", "Other or undefined mailbox status", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
            case "3" -> new Entry(subject + ".0", "Other or undefined mail system status", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
            case "4" -> new Entry(subject + ".0", "Other or undefined network or routing status", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
            case "5" -> new Entry(subject + ".0", "Other or undefined protocol status", ErrorCategory.INVALID_REQUEST, false, RFC3463);
            case "6" -> new Entry(subject + ".0", "Other or undefined media error", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
            case "7" -> new Entry(subject + ".0", "Other or undefined security status", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
            default -> null;
        };
    }

    /** Every entry, for the documentation test and the README table. */
    static Map<String, Entry> all() {
        return TABLE;
    }

    private static Map<String, Entry> table() {
        Map<String, Entry> t = new HashMap<>();
        // Subject 0: other
        add(t, "0.0", "Other undefined Status", ErrorCategory.UNKNOWN, false, RFC3463);
        // Subject 1: addressing
        add(t, "1.0", "Other address status", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
        add(t, "1.1", "Bad destination mailbox address", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "1.2", "Bad destination system address", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "1.3", "Bad destination mailbox address syntax", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "1.4", "Destination mailbox address ambiguous", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "1.5", "Destination address valid", ErrorCategory.UNKNOWN, false, RFC3463);
        add(t, "1.6", "Destination mailbox has moved, No forwarding address", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "1.7", "Bad sender's mailbox address syntax", ErrorCategory.SENDER_NOT_AUTHORIZED, true, RFC3463);
        add(t, "1.8", "Bad sender's system address", ErrorCategory.SENDER_NOT_AUTHORIZED, false, RFC3463);
        add(t, "1.9", "Message relayed to non-compliant mailer", ErrorCategory.UNKNOWN, false, "RFC 3886");
        add(t, "1.10", "Recipient address has null MX", ErrorCategory.RECIPIENT_REJECTED, true, "RFC 7505");
        // Subject 2: mailbox
        add(t, "2.0", "Other or undefined mailbox status", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
        // Gmail answers 450 4.2.1 "receiving mail at a rate that prevents additional messages": not decisive
        add(t, "2.1", "Mailbox disabled, not accepting messages", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
        add(t, "2.2", "Mailbox full", ErrorCategory.MAILBOX_FULL, true, RFC3463);
        add(t, "2.3", "Message length exceeds administrative limit", ErrorCategory.PAYLOAD_TOO_LARGE, true, RFC3463);
        add(t, "2.4", "Mailing list expansion problem", ErrorCategory.RECIPIENT_REJECTED, false, RFC3463);
        // Subject 3: mail system
        add(t, "3.0", "Other or undefined mail system status", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "3.1", "Mail system full", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        // sendmail answers 4.3.2 to its connection rate control: the text tells a rate limit apart
        add(t, "3.2", "System not accepting network messages", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "3.3", "System not capable of selected features", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        add(t, "3.4", "Message too big for system", ErrorCategory.PAYLOAD_TOO_LARGE, true, RFC3463);
        add(t, "3.5", "System incorrectly configured", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "3.6", "Requested priority was changed", ErrorCategory.UNKNOWN, false, RFC6710);
        // Subject 4: network and routing. Exchange Online's 5.4.1 "Recipient address rejected: Access denied"
        // is its directory-based edge block of an unknown recipient (EXO): handled by stage, not decisive.
        add(t, "4.0", "Other or undefined network or routing status", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.1", "No answer from host", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.2", "Bad connection", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.3", "Directory server failure", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.4", "Unable to route", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.5", "Mail system congestion", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.6", "Routing loop detected", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        add(t, "4.7", "Delivery time expired", ErrorCategory.PROVIDER_UNAVAILABLE, false, RFC3463);
        // Subject 5: protocol
        add(t, "5.0", "Other or undefined protocol status", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        add(t, "5.1", "Invalid command", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        add(t, "5.2", "Syntax error", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        // RFC 3463: "should normally result in the segmentation of the message into two, the remainder of the
        // recipients to be delivered on a subsequent delivery attempt": a per-transaction limit, retry later.
        add(t, "5.3", "Too many recipients", ErrorCategory.RATE_LIMITED, true, RFC3463);
        add(t, "5.4", "Invalid command arguments", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        add(t, "5.5", "Wrong protocol version", ErrorCategory.INVALID_REQUEST, false, RFC3463);
        add(t, "5.6", "Authentication Exchange line is too long", ErrorCategory.AUTHENTICATION, true, RFC4954);
        // Subject 6: media
        add(t, "6.0", "Other or undefined media error", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
        add(t, "6.1", "Media not supported", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "6.2", "Conversion required and prohibited", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "6.3", "Conversion required but not supported", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "6.4", "Conversion with loss performed", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "6.5", "Conversion Failed", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "6.6", "Message content not available", ErrorCategory.INVALID_REQUEST, true, "RFC 4468");
        add(t, "6.7", "Non-ASCII addresses not permitted for that sender/recipient", ErrorCategory.INVALID_REQUEST, true, RFC6531);
        add(t, "6.8", "UTF-8 string reply is required, but not permitted by the SMTP client", ErrorCategory.INVALID_REQUEST, true, RFC6531);
        add(t, "6.9", "UTF-8 header message cannot be transferred to one or more recipients", ErrorCategory.INVALID_REQUEST, true, RFC6531);
        // Subject 7: security and policy
        add(t, "7.0", "Other or undefined security status", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
        add(t, "7.1", "Delivery not authorized, message refused", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
        add(t, "7.2", "Mailing list expansion prohibited", ErrorCategory.RECIPIENT_REJECTED, true, RFC3463);
        add(t, "7.3", "Security conversion required but not possible", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "7.4", "Security features not supported", ErrorCategory.CONTENT_REJECTED, false, RFC3463);
        add(t, "7.5", "Cryptographic failure", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "7.6", "Cryptographic algorithm not supported", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "7.7", "Message integrity failure", ErrorCategory.CONTENT_REJECTED, true, RFC3463);
        add(t, "7.8", "Authentication credentials invalid", ErrorCategory.AUTHENTICATION, true, RFC4954);
        // Yahoo answers "554 5.7.9 Message not accepted for policy reasons" (senders.yahooinc.com error codes)
        add(t, "7.9", "Authentication mechanism is too weak", ErrorCategory.AUTHENTICATION, false, RFC4954);
        add(t, "7.10", "Encryption Needed", ErrorCategory.AUTHENTICATION, true, RFC5248);
        add(t, "7.11", "Encryption required for requested authentication mechanism", ErrorCategory.AUTHENTICATION, true, RFC4954);
        add(t, "7.12", "A password transition is needed", ErrorCategory.AUTHENTICATION, true, RFC4954);
        // the account the code names is the recipient's at RCPT/DATA, the sender's own at AUTH/MAIL (by stage)
        add(t, "7.13", "User Account Disabled", ErrorCategory.RECIPIENT_REJECTED, true, RFC5248);
        add(t, "7.14", "Trust relationship required", ErrorCategory.SENDER_NOT_AUTHORIZED, true, RFC5248);
        add(t, "7.15", "Priority Level is too low", ErrorCategory.INVALID_REQUEST, true, RFC6710);
        add(t, "7.16", "Message is too big for the specified priority", ErrorCategory.PAYLOAD_TOO_LARGE, true, RFC6710);
        add(t, "7.17", "Mailbox owner has changed", ErrorCategory.RECIPIENT_REJECTED, true, RFC7293);
        add(t, "7.18", "Domain owner has changed", ErrorCategory.RECIPIENT_REJECTED, true, RFC7293);
        add(t, "7.19", "RRVS test cannot be completed", ErrorCategory.RECIPIENT_REJECTED, true, RFC7293);
        add(t, "7.20", "No passing DKIM signature found", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.21", "No acceptable DKIM signature found", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.22", "No valid author-matched DKIM signature found", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.23", "SPF validation failed", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.24", "SPF validation error", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.25", "Reverse DNS validation failed", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.26", "Multiple authentication checks failed", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, RFC7372);
        add(t, "7.27", "Sender address has null MX", ErrorCategory.SENDER_NOT_AUTHORIZED, true, "RFC 7505");
        // Vendor codes, as Microsoft documents them for Exchange Online (EXO)
        add(t, "7.57", "Client was not authenticated to send anonymous mail during MAIL FROM", ErrorCategory.AUTHENTICATION, true, EXO);
        add(t, "7.64", "Relay access denied: tenant attribution failed", ErrorCategory.SENDER_NOT_AUTHORIZED, true, EXO);
        add(t, "7.501", "Access denied, spam abuse detected (sending account banned)", ErrorCategory.ACCOUNT_BLOCKED, true, EXO);
        add(t, "7.502", "Access denied, spam abuse detected (sending account banned)", ErrorCategory.ACCOUNT_BLOCKED, true, EXO);
        add(t, "7.503", "Access denied, spam abuse detected (sending account banned)", ErrorCategory.ACCOUNT_BLOCKED, true, EXO);
        add(t, "7.506", "Access denied, bad HELO", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        add(t, "7.508", "Access denied, sending IP has exceeded permitted limits", ErrorCategory.RATE_LIMITED, true, EXO);
        add(t, "7.509", "Access denied, sending domain does not pass DMARC verification", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, EXO);
        add(t, "7.511", "Access denied, banned sender", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        add(t, "7.512", "Access denied, message must be RFC 5322 section 3.6.2 compliant", ErrorCategory.CONTENT_REJECTED, true, EXO);
        add(t, "7.513", "Client host blocked by the recipient domain's customer block list", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        add(t, "7.515", "Sending domain does not meet the required authentication level", ErrorCategory.SENDER_AUTHENTICATION_FAILED, true, EXO);
        add(t, "7.650", "Mail server temporarily rate limited due to IP reputation", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        add(t, "7.651", "Mail server temporarily rate limited due to IP reputation", ErrorCategory.SENDER_BLOCKLISTED, true, EXO);
        return Map.copyOf(t);
    }

    private static void add(Map<String, Entry> t, String code, String meaning, ErrorCategory category, boolean decisive, String source) {
        if (t.put(code, new Entry(code, meaning, category, decisive, source)) != null) {
            throw new IllegalStateException("enhanced status " + code + " listed twice");
        }
    }
}
