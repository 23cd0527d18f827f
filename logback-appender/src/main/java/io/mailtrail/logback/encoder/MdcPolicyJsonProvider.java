package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mailtrail.logback.privacy.MdcPolicy;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;
import java.util.Map;

/**
 * Writes the MDC entries an {@link MdcPolicy} keeps, each under its own key: for mailtrail's events only the
 * trace ids and the allow-list, redacted; for others, logstash-logback-encoder's include/exclude rule.
 */
public final class MdcPolicyJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    private MdcPolicy policy = new MdcPolicy();

    public void setPolicy(MdcPolicy policy) {
        this.policy = policy;
    }

    public MdcPolicy getPolicy() {
        return policy;
    }

    /** As the appender's option of the same name: an MDC key mailtrail events keep (redacted). */
    public void addMailtrailMdcKeyName(String name) { policy.addMailtrailMdcKeyName(name); }

    /** As the appender's option: only these MDC keys in other events. */
    public void addIncludeMdcKeyName(String name) { policy.addIncludeMdcKeyName(name); }

    /** As the appender's option: never these MDC keys. */
    public void addExcludeMdcKeyName(String name) { policy.addExcludeMdcKeyName(name); }

    /** As the appender's option: redact the MDC values of every event. */
    public void setRedactMdc(boolean redactMdc) { policy.setRedactOthers(redactMdc); }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return;
        }
        boolean mailtrail = MdcPolicy.isMailtrailEvent(event);
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            String value = policy.valueToWrite(mailtrail, e.getKey(), e.getValue());
            if (value != null) {
                generator.writeStringField(e.getKey(), value);
            }
        }
    }
}
