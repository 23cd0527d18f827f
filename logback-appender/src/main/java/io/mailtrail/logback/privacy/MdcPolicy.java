package io.mailtrail.logback.privacy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.logback.encoder.RoutedEvent;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which MDC entries an event's document keeps, and how.
 *
 * <ul>
 *   <li><b>mailtrail events</b> (routed to the {@code mailtrail.calls} or {@code mailtrail.delivery} dataset, or
 *       logged by the loggers of those names): only the trace ids ({@code trace.id}, {@code span.id},
 *       {@code transaction.id}) and the keys of the allow-list ({@code mailtrailMdcKeyName}), each value
 *       redacted ({@link ValueRedactor}). The application's MDC is written by code that does not know these
 *       events are kept for months and shown to operators, so nothing else of it is copied.</li>
 *   <li><b>other events</b>: every entry, or those of {@code includeMdcKeyName} when any is given, less those of
 *       {@code excludeMdcKeyName} (as logstash-logback-encoder's MDC options); values as they are, or redacted
 *       with {@code redactMdc}.</li>
 * </ul>
 * Not thread-safe while configured; immutable in use.
 */
public final class MdcPolicy {

    /** The MDC keys a mailtrail event always keeps (when present): the ECS trace ids. */
    public static final List<String> TRACE_KEYS = List.of(Fields.TRACE_ID.name(), Fields.SPAN_ID.name(),
            Fields.TRANSACTION_ID.name());

    private final Set<String> include = new LinkedHashSet<>();
    private final Set<String> exclude = new LinkedHashSet<>();
    private final Set<String> mailtrailKeys = new LinkedHashSet<>(TRACE_KEYS);
    private final ValueRedactor redactor = new ValueRedactor();
    private boolean redactOthers;

    /** Keep only these keys in events that are not mailtrail's (may be called several times). */
    public void addIncludeMdcKeyName(String name) {
        addTrimmed(include, name);
    }

    /** Never keep these keys, in any event. */
    public void addExcludeMdcKeyName(String name) {
        addTrimmed(exclude, name);
    }

    /** A key mailtrail events keep besides the trace ids; its value is redacted. */
    public void addMailtrailMdcKeyName(String name) {
        addTrimmed(mailtrailKeys, name);
    }

    /** Redact the MDC values of events that are not mailtrail's too. */
    public void setRedactOthers(boolean redactOthers) {
        this.redactOthers = redactOthers;
    }

    private static void addTrimmed(Set<String> set, String name) {
        if (name != null && !name.isBlank()) {
            for (String n : name.split(",")) {
                if (!n.isBlank()) {
                    set.add(n.trim());
                }
            }
        }
    }

    public List<String> mailtrailKeys() {
        return new ArrayList<>(mailtrailKeys);
    }

    /** True for mailtrail's call and delivery events. */
    public static boolean isMailtrailEvent(ILoggingEvent event) {
        String dataset = event instanceof RoutedEvent r && r.route() != null ? r.route().dataset() : null;
        String logger = event.getLoggerName();
        for (Dataset d : Dataset.values()) {
            if (d.datasetName().equals(dataset) || d.loggerName().equals(logger)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value to write for this MDC entry of this kind of event, or null to leave the entry out.
     *
     * @param mailtrail whether the event is a mailtrail event ({@link #isMailtrailEvent})
     */
    public String valueToWrite(boolean mailtrail, String key, String value) {
        if (key == null || value == null || exclude.contains(key)) {
            return null;
        }
        if (mailtrail) {
            return mailtrailKeys.contains(key) ? redactor.redact(key, value) : null;
        }
        if (!include.isEmpty() && !include.contains(key)) {
            return null;
        }
        return redactOthers ? redactor.redact(key, value) : value;
    }
}
