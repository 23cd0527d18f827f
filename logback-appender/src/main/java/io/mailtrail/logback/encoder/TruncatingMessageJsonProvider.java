package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Fields;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/**
 * Writes the formatted message, cut to at most {@code maxMessageChars} characters (never inside a surrogate
 * pair). A cut message is marked by the tag {@value #TRUNCATED_TAG} in {@code tags}.
 */
public final class TruncatingMessageJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

    /** The {@code tags} value that marks a document whose message was cut. */
    public static final String TRUNCATED_TAG = EventValues.TAG_MESSAGE_TRUNCATED;
    private static final String TAGS = Fields.TAGS.name();

    private int maxMessageChars = 32_000;

    public TruncatingMessageJsonProvider() {
        setFieldName(Fields.MESSAGE.name());
    }

    public void setMaxMessageChars(int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        String message = event.getFormattedMessage();
        if (message == null) {
            return;
        }
        if (message.length() <= maxMessageChars) {
            generator.writeStringField(getFieldName(), message);
            return;
        }
        int end = maxMessageChars;
        if (end > 0 && Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        generator.writeStringField(getFieldName(), message.substring(0, end));
        generator.writeArrayFieldStart(TAGS);
        generator.writeString(TRUNCATED_TAG);
        generator.writeEndArray();
    }
}
