package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;

/**
 * The error category of a failed SMTP reply, table-driven: a few reply codes decide alone (454 throttling,
 * 530/535 authentication, 421 service unavailable); otherwise the enhanced status decides when present
 * (RFC 3463 subject and detail), else the reply code. The stage refines it: a policy refusal at MAIL FROM
 * means the sender is not authorised, at RCPT TO that the recipient is refused. Retryability follows the
 * reply's class: 4xx (transient) yes, 5xx no.
 */
public final class SmtpReplyClassifier {

    private SmtpReplyClassifier() {
    }

    public static ErrorCategory category(SmtpReply reply, SmtpCommand stage) {
        ErrorCategory c = byCode(reply.code(), stage);
        if (c == null && reply.enhanced() != null) {
            c = byEnhanced(reply.enhanced());
        }
        if (c == null) {
            c = byCodeFallback(reply.code(), stage);
        }
        return refine(c, reply, stage);
    }

    private static ErrorCategory byCode(int code, SmtpCommand stage) {
        return switch (code) {
            case 454 -> stage == SmtpCommand.AUTH ? ErrorCategory.PROVIDER_UNAVAILABLE : ErrorCategory.RATE_LIMITED;
            case 530, 534, 535, 538 -> ErrorCategory.AUTHENTICATION;
            case 421 -> ErrorCategory.PROVIDER_UNAVAILABLE;
            default -> null;
        };
    }

    private static ErrorCategory byEnhanced(String enhanced) {
        String[] parts = enhanced.split("\\.");
        String subject = parts[1];
        String detail = parts[2];
        return switch (subject) {
            case "1" -> detail.equals("7") || detail.equals("8") ? ErrorCategory.SENDER_NOT_AUTHORIZED : ErrorCategory.RECIPIENT_REJECTED;
            case "2" -> detail.equals("3") ? ErrorCategory.PAYLOAD_TOO_LARGE : ErrorCategory.RECIPIENT_REJECTED;
            case "3" -> detail.equals("4") ? ErrorCategory.PAYLOAD_TOO_LARGE : ErrorCategory.PROVIDER_UNAVAILABLE;
            case "4" -> ErrorCategory.PROVIDER_UNAVAILABLE;
            case "5" -> ErrorCategory.INVALID_REQUEST;
            case "6" -> ErrorCategory.CONTENT_REJECTED;
            case "7" -> detail.equals("8") ? ErrorCategory.AUTHENTICATION : ErrorCategory.CONTENT_REJECTED;
            default -> null;
        };
    }

    private static ErrorCategory byCodeFallback(int code, SmtpCommand stage) {
        if (code == 450 || code == 550 || code == 551 || code == 553) {
            return ErrorCategory.RECIPIENT_REJECTED;
        }
        if (code == 552) {
            // RFC 5321 4.5.3.1.10: a 552 at RCPT means "too many recipients", to be treated as 452
            return stage == SmtpCommand.RCPT ? ErrorCategory.PROVIDER_UNAVAILABLE : ErrorCategory.PAYLOAD_TOO_LARGE;
        }
        if (code == 554) {
            return ErrorCategory.CONTENT_REJECTED;
        }
        if ((code >= 500 && code <= 504) || code == 555) {
            return ErrorCategory.INVALID_REQUEST;
        }
        if (code / 100 == 4) {
            return ErrorCategory.PROVIDER_UNAVAILABLE;
        }
        return ErrorCategory.UNKNOWN;
    }

    private static ErrorCategory refine(ErrorCategory c, SmtpReply reply, SmtpCommand stage) {
        boolean permanent = reply.code() / 100 == 5;
        if (stage == SmtpCommand.MAIL && permanent
                && (c == ErrorCategory.RECIPIENT_REJECTED || c == ErrorCategory.CONTENT_REJECTED)) {
            return ErrorCategory.SENDER_NOT_AUTHORIZED;
        }
        if (stage == SmtpCommand.RCPT && c == ErrorCategory.CONTENT_REJECTED) {
            return ErrorCategory.RECIPIENT_REJECTED; // e.g. 554 5.7.1 relay access denied for this recipient
        }
        if (stage == SmtpCommand.AUTH && permanent && c != ErrorCategory.AUTHENTICATION) {
            return ErrorCategory.AUTHENTICATION;
        }
        return c;
    }
}
