package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.logback.route.Route;
import io.mailtrail.schema.Fields;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes {@code event.id} and {@code data_stream.type/dataset/namespace} as the appender routed the event.
 * Goes first so that these win over same-named fields from key-value pairs, MDC or markers, keeping the
 * document consistent with the data stream it is written to. Writes nothing for an event that was not routed
 * (the encoder used by another appender).
 */
public final class EnvelopeJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(com.fasterxml.jackson.core.JsonGenerator generator, ILoggingEvent event) throws IOException {
        if (!(event instanceof RoutedEvent routed)) {
            return;
        }
        Route route = routed.route();
        generator.writeStringField(Fields.EVENT_ID.name(), routed.id());
        generator.writeStringField(Fields.DATA_STREAM_TYPE.name(), route.type());
        generator.writeStringField(Fields.DATA_STREAM_DATASET.name(), route.dataset());
        generator.writeStringField(Fields.DATA_STREAM_NAMESPACE.name(), route.namespace());
    }
}
