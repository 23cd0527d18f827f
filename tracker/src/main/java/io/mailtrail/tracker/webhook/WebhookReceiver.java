package io.mailtrail.tracker.webhook;

import io.mailtrail.tracker.delivery.DeliveryEvent;
import io.mailtrail.tracker.delivery.DeliveryEventMapper;
import io.mailtrail.tracker.delivery.DeliveryPayloadException;
import io.mailtrail.tracker.event.DeliveryEventLogger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verify, map, log: the whole handling of one provider's delivery webhook request, for a web endpoint to call.
 * A rejected request is never mapped nor logged. Thread-safe.
 *
 * <pre>{@code
 * WebhookReceiver receiver = new WebhookReceiver(WebhookVerifiers.mailgun(signingKey).build(),
 *         DeliveryMappers.mailgun(), DeliveryEventLogger.builder().build());
 * Verification v = receiver.receive(headers, body);   // 200 when accepted, 403 when not
 * }</pre>
 */
public final class WebhookReceiver {

    private final WebhookVerifier verifier;
    private final DeliveryEventMapper mapper;
    private final DeliveryEventLogger logger;

    public WebhookReceiver(WebhookVerifier verifier, DeliveryEventMapper mapper, DeliveryEventLogger logger) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.logger = Objects.requireNonNull(logger, "logger");
        if (!verifier.provider().equals(mapper.provider())) {
            throw new IllegalArgumentException("webhook receiver: verifier is for " + verifier.provider()
                    + " but mapper for " + mapper.provider());
        }
    }

    /**
     * Verifies the request; when authentic, maps its body and logs one delivery event per recipient.
     *
     * @throws DeliveryPayloadException when the request is authentic but its body is not a payload of the
     *                                  provider's (answer 400); nothing is logged then
     */
    public Verification receive(Map<String, List<String>> headers, byte[] body) throws DeliveryPayloadException {
        Verification v = verifier.verify(headers, body);
        if (v.accepted()) {
            List<DeliveryEvent> events = mapper.map(new String(body, StandardCharsets.UTF_8));
            logger.logAll(events);
        }
        return v;
    }
}
