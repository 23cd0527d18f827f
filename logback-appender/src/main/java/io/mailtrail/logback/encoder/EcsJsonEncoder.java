package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.logback.privacy.MdcPolicy;
import io.mailtrail.schema.Fields;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableClassNameJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableMessageJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * ECS JSON, one document per event, built from logstash-logback-encoder providers. Field order is the
 * precedence order, since the first writer of a top-level name wins ({@link SafeJsonGenerator}):
 * <ol>
 *   <li>{@code event.id}, {@code data_stream.*} as routed by the appender ({@link EnvelopeJsonProvider});</li>
 *   <li>SLF4J 2 key-value pairs, dotted keys as they are ({@link KeyValuePairsJsonProvider});</li>
 *   <li>{@code @timestamp}, {@code message} (capped; {@code tags: ["message_truncated"]} when cut),
 *       {@code log.level}, {@code log.logger}, {@code process.thread.name};</li>
 *   <li>{@code error.type}, {@code error.message}, {@code error.stack_trace} (capped) of a throwable;</li>
 *   <li>{@code service.name/version/environment}, {@code host.name}, {@code ecs.version};</li>
 *   <li>MDC entries as the {@link MdcPolicy} keeps them (mailtrail's events: trace ids and an allow-list,
 *       redacted), then logstash markers and structured arguments.</li>
 * </ol>
 * When providers are configured explicitly in {@code logback.xml}, only those are used.
 */
public class EcsJsonEncoder extends LoggingEventCompositeJsonEncoder {

    /** Default cap of {@code message}, in characters. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 32_000;
    /** Default cap of {@code error.stack_trace}, in characters. */
    public static final int DEFAULT_MAX_STACK_TRACE_CHARS = 16_000;

    private final ServiceJsonProvider service = new ServiceJsonProvider();
    private final MdcPolicy mdcPolicy = new MdcPolicy();
    private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
    private int maxStackTraceChars = DEFAULT_MAX_STACK_TRACE_CHARS;

    public EcsJsonEncoder() {
        setLineSeparator("");
        setJsonGeneratorDecorator(SafeJsonGenerator.DECORATOR);
    }

    /** {@code service.name}: the application's name. Unset by default (field omitted). */
    public void setServiceName(String serviceName) { service.setServiceName(serviceName); }

    /** {@code service.version}. Unset by default. */
    public void setServiceVersion(String serviceVersion) { service.setServiceVersion(serviceVersion); }

    /** {@code service.environment}, e.g. {@code production}. Unset by default. */
    public void setServiceEnvironment(String serviceEnvironment) { service.setServiceEnvironment(serviceEnvironment); }

    /** {@code host.name}. Unset by default (the appender sets the local host name). */
    public void setHostName(String hostName) { service.setHostName(hostName); }

    /** Keep only these MDC keys in events that are not mailtrail's; repeatable or comma-separated. Default: all. */
    public void addIncludeMdcKeyName(String name) { mdcPolicy.addIncludeMdcKeyName(name); }

    /** Never write these MDC keys, in any event; repeatable or comma-separated. */
    public void addExcludeMdcKeyName(String name) { mdcPolicy.addExcludeMdcKeyName(name); }

    /**
     * An MDC key mailtrail's call and delivery events keep besides {@code trace.id}, {@code span.id} and
     * {@code transaction.id}; its value is redacted. Repeatable or comma-separated. Default: none.
     */
    public void addMailtrailMdcKeyName(String name) { mdcPolicy.addMailtrailMdcKeyName(name); }

    /** Redact the MDC values of all events, not only mailtrail's (addresses, bearer tokens, secrets). Default false. */
    public void setRedactMdc(boolean redactMdc) { mdcPolicy.setRedactOthers(redactMdc); }

    /** Longest {@code message} kept, in characters; longer ones are cut and tagged. Default 32000. */
    public void setMaxMessageChars(int maxMessageChars) { this.maxMessageChars = maxMessageChars; }

    public int getMaxMessageChars() { return maxMessageChars; }

    /** Longest {@code error.stack_trace} kept, in characters. Default 16000. */
    public void setMaxStackTraceChars(int maxStackTraceChars) { this.maxStackTraceChars = maxStackTraceChars; }

    public int getMaxStackTraceChars() { return maxStackTraceChars; }

    @Override
    public void start() {
        if (maxMessageChars < 1) {
            addError("maxMessageChars must be at least 1, was " + maxMessageChars);
            return;
        }
        if (maxStackTraceChars < 1) {
            addError("maxStackTraceChars must be at least 1, was " + maxStackTraceChars);
            return;
        }
        JsonProviders<ILoggingEvent> providers = getProviders();
        if (providers.getProviders().isEmpty()) {
            addDefaultProviders(providers);
        }
        super.start();
    }

    private void addDefaultProviders(JsonProviders<ILoggingEvent> providers) {
        providers.addProvider(new EnvelopeJsonProvider());
        providers.addProvider(new KeyValuePairsJsonProvider());

        LoggingEventFormattedTimestampJsonProvider timestamp = named(new LoggingEventFormattedTimestampJsonProvider(), Fields.TIMESTAMP.name());
        timestamp.setTimeZone("UTC");
        providers.addProvider(timestamp);

        TruncatingMessageJsonProvider message = new TruncatingMessageJsonProvider();
        message.setMaxMessageChars(maxMessageChars);
        providers.addProvider(message);

        providers.addProvider(named(new LogLevelJsonProvider(), Fields.LOG_LEVEL.name()));
        providers.addProvider(named(new LoggerNameJsonProvider(), Fields.LOG_LOGGER.name()));
        providers.addProvider(named(new LoggingEventThreadNameJsonProvider(), Fields.PROCESS_THREAD_NAME.name()));

        ThrowableClassNameJsonProvider errorType = named(new ThrowableClassNameJsonProvider(), Fields.ERROR_TYPE.name());
        errorType.setUseSimpleClassName(false);
        providers.addProvider(errorType);
        providers.addProvider(named(new ThrowableMessageJsonProvider(), Fields.ERROR_MESSAGE.name()));

        ShortenedThrowableConverter converter = new ShortenedThrowableConverter();
        converter.setMaxLength(maxStackTraceChars);
        StackTraceJsonProvider stackTrace = named(new StackTraceJsonProvider(), Fields.ERROR_STACK_TRACE.name());
        stackTrace.setThrowableConverter(converter);
        providers.addProvider(stackTrace);

        providers.addProvider(service);
        MdcPolicyJsonProvider mdc = new MdcPolicyJsonProvider();
        mdc.setPolicy(mdcPolicy);
        providers.addProvider(mdc);
        providers.addProvider(new LogstashMarkersJsonProvider());
        providers.addProvider(new ArgumentsJsonProvider());
    }

    private static <P extends AbstractFieldJsonProvider<ILoggingEvent>> P named(P provider, String fieldName) {
        provider.setFieldName(fieldName);
        return provider;
    }
}
