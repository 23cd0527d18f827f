package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Fields;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/** Writes the fields that are the same for every event: {@code service.*}, {@code host.name}, {@code ecs.version}. */
public final class ServiceJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    private String serviceName;
    private String serviceVersion;
    private String serviceEnvironment;
    private String hostName;

    public void setServiceName(String serviceName) { this.serviceName = blankToNull(serviceName); }
    public void setServiceVersion(String serviceVersion) { this.serviceVersion = blankToNull(serviceVersion); }
    public void setServiceEnvironment(String serviceEnvironment) { this.serviceEnvironment = blankToNull(serviceEnvironment); }
    public void setHostName(String hostName) { this.hostName = blankToNull(hostName); }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        writeIfSet(generator, Fields.SERVICE_NAME.name(), serviceName);
        writeIfSet(generator, Fields.SERVICE_VERSION.name(), serviceVersion);
        writeIfSet(generator, Fields.SERVICE_ENVIRONMENT.name(), serviceEnvironment);
        writeIfSet(generator, Fields.HOST_NAME.name(), hostName);
        generator.writeStringField(Fields.ECS_VERSION.name(), EventValues.ECS_VERSION);
    }

    private static void writeIfSet(JsonGenerator generator, String name, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(name, value);
        }
    }
}
