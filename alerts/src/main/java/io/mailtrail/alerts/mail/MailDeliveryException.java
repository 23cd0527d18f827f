package io.mailtrail.alerts.mail;

/**
 * A mail could not be sent. The message is one line: the server, what failed, and the server's answer;
 * it never contains a password.
 */
public final class MailDeliveryException extends RuntimeException {

    private final boolean retryable;

    MailDeliveryException(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    /** Whether sending again later may succeed (network, timeout, 4xx); false for bad addresses or rejected credentials. */
    public boolean retryable() {
        return retryable;
    }
}
