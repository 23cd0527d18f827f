package io.mailtrail.tracker.delivery;

/**
 * A webhook payload that cannot be mapped: not JSON, wrong shape, a required field missing, or a message that is
 * not an email event (an SNS subscription confirmation). The message names the provider and the problem, and
 * never quotes payload values (they hold addresses).
 */
public class DeliveryPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryPayloadException(String message) {
        super(message);
    }

    public DeliveryPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
