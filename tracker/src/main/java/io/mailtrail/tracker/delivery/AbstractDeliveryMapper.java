package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What every built-in mapper shares: its name, strict parsing, and the shape check of the top-level value. */
abstract class AbstractDeliveryMapper implements DeliveryEventMapper {

    private final String provider;
    final Payload payload;

    AbstractDeliveryMapper(String provider) {
        this.provider = provider;
        this.payload = new Payload(provider);
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final List<DeliveryEvent> map(String json) throws DeliveryPayloadException {
        JsonNode root = payload.parse(json);
        if (expectsArray() ? !root.isArray() : !root.isObject()) {
            throw payload.problem("expected " + expectedShape());
        }
        return List.copyOf(map(root));
    }

    /** Whether the body is a JSON array (SendGrid) rather than an object. */
    boolean expectsArray() {
        return false;
    }

    /** The top-level value the provider sends, for the error message ("a JSON array of events"). */
    abstract String expectedShape();

    /** Maps a body already known to be an array or an object, as {@link #expectsArray()} says. */
    abstract List<DeliveryEvent> map(JsonNode root) throws DeliveryPayloadException;
}
