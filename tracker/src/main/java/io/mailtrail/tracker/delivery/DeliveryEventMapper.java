package io.mailtrail.tracker.delivery;

import java.util.List;

/**
 * Maps one provider's webhook payload to delivery events, one per recipient. Implementations are stateless and
 * thread-safe. An event name the mapper does not know becomes {@link io.mailtrail.schema.DeliveryStatus#UNKNOWN}
 * with the raw name kept; a payload that is not JSON, has the wrong shape or lacks a required field is refused
 * as a whole — never a partial list.
 */
public interface DeliveryEventMapper {

    /** The provider's name: {@code ses}, {@code sendgrid}, {@code mailgun} or {@code postmark}. */
    String provider();

    /**
     * @param json the webhook request body, as received
     * @return the events, in payload order; empty only when the payload holds no event (an empty SendGrid batch)
     * @throws DeliveryPayloadException naming the provider and what is wrong; its message never quotes the payload
     */
    List<DeliveryEvent> map(String json) throws DeliveryPayloadException;
}
