package io.mailtrail.tracker.smtp;

/**
 * What the SMTP server answered to a message it accepted.
 *
 * @param replyCode      the reply to the end of data, e.g. 250
 * @param serverResponse that reply's text as the server sent it (not redacted: it is the caller's)
 * @param messageId      the message id without angle brackets: the provider's when its reply carries one
 *                       (Amazon SES: {@code 250 Ok <id>}), else the {@code Message-ID} header
 */
public record SmtpReceipt(int replyCode, String serverResponse, String messageId) {
}
