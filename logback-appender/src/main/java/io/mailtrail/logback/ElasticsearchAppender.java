package io.mailtrail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.mailtrail.logback.encoder.EcsJsonEncoder;
import io.mailtrail.logback.http.BulkClient;
import io.mailtrail.logback.metrics.AppenderCounters;
import io.mailtrail.logback.metrics.AppenderMXBeanImpl;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.queue.BoundedEventQueue;
import io.mailtrail.logback.queue.CallerPreparation;
import io.mailtrail.logback.queue.EventWeigher;
import io.mailtrail.logback.route.Router;
import io.mailtrail.logback.ship.AppenderThread;
import io.mailtrail.logback.ship.Backoff;
import io.mailtrail.logback.ship.BatchSender;
import io.mailtrail.logback.ship.ConsoleNotice;
import io.mailtrail.logback.ship.DeadLetterFile;
import io.mailtrail.logback.ship.Shipper;
import io.mailtrail.logback.ship.ThrottledStatus;
import io.mailtrail.logback.spool.DiskSpool;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Logback appender that ships events to Elasticsearch data streams with {@code _bulk} {@code create}
 * requests, without ever slowing, blocking (unless configured to) or failing the logging thread.
 *
 * <p>The logging thread only prepares the event and puts it into a bounded lock-free queue; the appender's
 * own threads encode (ECS JSON by default), batch, send, retry and spool. Every event gets a unique
 * {@code _id}, so a resend can never create a duplicate. Every option is a Joran setter; see the module's
 * README for the table. Configuration mistakes are reported by {@link #start()} as one status error naming
 * the option and its value (secrets excepted), and the appender then stays stopped.
 */
public class ElasticsearchAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The JMX domain of the appender's MBean ({@code io.mailtrail.logback:type=ElasticsearchAppender,name=<name>}). */
    public static final String JMX_DOMAIN = "io.mailtrail.logback";

    private final ElasticsearchAppenderConfig config = new ElasticsearchAppenderConfig();
    private Encoder<ILoggingEvent> encoder;
    private boolean ownEncoder;

    private volatile AppenderCounters counters = new AppenderCounters();
    private BoundedEventQueue<ILoggingEvent> queue;
    private OverflowPolicy policy;
    private ThrottledStatus callerWarnings;
    /** Built once at start: a drop on the logging thread must not build text the throttle then discards. */
    private String queueFullWarning;
    private BulkClient client;
    private DiskSpool spool;
    private Shipper shipper;
    private ObjectName mbeanName;
    private ConsoleNotice console;
    private java.io.PrintStream consoleStream = System.err;

    // ---- options (documented in README.md; Javadoc says default and meaning)

    /** Elasticsearch base URL(s), comma-separated, e.g. {@code https://es1:9200,https://es2:9200}. Required. */
    public void setUrl(String url) { config.url = url; }

    /** Dataset of events that carry no {@code data_stream.dataset}: they go to {@code logs-<dataset>-<namespace>}. Default {@code generic}. */
    public void setDataset(String dataset) { config.dataset = dataset; }

    /**
     * A plain index for events that carry no {@code data_stream.dataset}, instead of the data stream
     * {@code logs-<dataset>-<namespace>}; may hold one date placeholder filled in UTC, e.g.
     * {@code app-logs-%d{yyyy.MM.dd}}. Unset by default.
     */
    public void setIndex(String index) { config.index = index; }

    /** Namespace of the data streams, unless an event carries a valid {@code data_stream.namespace}. Default {@code default}. */
    public void setNamespace(String namespace) { config.namespace = namespace; }

    /** The encoder of one event into one line of JSON. Default: {@link EcsJsonEncoder}. */
    public void setEncoder(Encoder<ILoggingEvent> encoder) { this.encoder = encoder; }

    public Encoder<ILoggingEvent> getEncoder() { return encoder; }

    /** Capacity of the memory queue, in events. Default 200000; {@code queueMaxBytes} usually binds first. */
    public void setQueueSize(int queueSize) { config.queueSize = queueSize; }

    /**
     * Byte budget of the memory queue: the estimated heap of the queued events (see the README, "Memory").
     * Default 67108864 (64 MiB), enough for a 20 s outage at 2 000 small events/s without a spool.
     */
    public void setQueueMaxBytes(long queueMaxBytes) { config.queueMaxBytes = queueMaxBytes; }

    /**
     * {@code dropNewest}, {@code dropOldest} or {@code block}: what a full queue does to a new event. Default
     * {@code block} when a {@code spoolDirectory} is set, else {@code dropNewest}.
     */
    public void setOverflowPolicy(String overflowPolicy) { config.overflowPolicy = overflowPolicy; }

    /** With {@code block}: longest wait for room in the queue, in ms; then the event is dropped. Default 100. */
    public void setMaxBlockMillis(long maxBlockMillis) { config.maxBlockMillis = maxBlockMillis; }

    /** A batch is sent when it holds this many events. Default 1000. */
    public void setMaxBatchActions(int maxBatchActions) { config.maxBatchActions = maxBatchActions; }

    /** A batch is sent when its body reaches this many bytes. Default 5242880 (5 MiB). */
    public void setMaxBatchBytes(long maxBatchBytes) { config.maxBatchBytes = maxBatchBytes; }

    /** A non-empty batch is sent at the latest this many ms after its first event. Default 1000. */
    public void setFlushIntervalMillis(long flushIntervalMillis) { config.flushIntervalMillis = flushIntervalMillis; }

    /**
     * While a request slot is free, a batch leaves once its first event is this many ms old and no more events
     * are waiting, instead of waiting to fill: at a moderate rate events become searchable sooner, while under
     * load (every slot busy) batches still grow to {@code maxBatchActions}. 0: a batch leaves only when full or
     * {@code flushIntervalMillis} old. Default 50.
     */
    public void setLingerMillis(long lingerMillis) { config.lingerMillis = lingerMillis; }

    /** How many {@code _bulk} requests may be under way at once (one sender thread each). Default 2. */
    public void setMaxInFlightRequests(int maxInFlightRequests) { config.maxInFlightRequests = maxInFlightRequests; }

    /** Gzip request bodies. Default false. */
    public void setGzip(boolean gzip) { config.gzip = gzip; }

    /** TCP connect timeout, in ms. Default 5000. */
    public void setConnectTimeoutMillis(int connectTimeoutMillis) { config.connectTimeoutMillis = connectTimeoutMillis; }

    /** Longest wait for an answer, in ms. Default 30000. */
    public void setSocketTimeoutMillis(int socketTimeoutMillis) { config.socketTimeoutMillis = socketTimeoutMillis; }

    /** First retry waits a random time up to this, in ms; doubling each retry. Default 100. */
    public void setInitialBackoffMillis(long initialBackoffMillis) { config.initialBackoffMillis = initialBackoffMillis; }

    /** Upper bound of the random wait between retries, in ms. Default 10000. */
    public void setMaxBackoffMillis(long maxBackoffMillis) { config.maxBackoffMillis = maxBackoffMillis; }

    /** At most one warning of a kind per this many ms goes to the status manager. Default 60000. */
    public void setWarningIntervalMillis(long warningIntervalMillis) { config.warningIntervalMillis = warningIntervalMillis; }

    /** {@code stop()} delivers what is queued and in flight for at most this many ms. Default 10000. */
    public void setShutdownTimeoutMillis(long shutdownTimeoutMillis) { config.shutdownTimeoutMillis = shutdownTimeoutMillis; }

    /** Basic authentication user. Exclusive with {@code apiKey} and {@code bearerToken}. */
    public void setUsername(String username) { config.username = username; }

    /** Basic authentication password. Never printed. */
    public void setPassword(String password) { config.password = password; }

    /** An Elasticsearch API key, the base64 {@code id:key} form; sent as {@code Authorization: ApiKey <key>}. Never printed. */
    public void setApiKey(String apiKey) { config.apiKey = apiKey; }

    /** A bearer token (e.g. a service account token); sent as {@code Authorization: Bearer <token>}. Never printed. */
    public void setBearerToken(String bearerToken) { config.bearerToken = bearerToken; }

    /** PEM file of the CA(s) to trust for https (instead of the JVM's default trust). */
    public void setCaCertificate(String caCertificate) { config.caCertificate = caCertificate; }

    /** A truststore file (PKCS12 or JKS) to trust for https, instead of {@code caCertificate}. */
    public void setTruststore(String truststore) { config.truststore = truststore; }

    /** Password of {@code truststore}. Never printed. */
    public void setTruststorePassword(String truststorePassword) { config.truststorePassword = truststorePassword; }

    /** Type of {@code truststore}: {@code PKCS12} (default) or {@code JKS}. */
    public void setTruststoreType(String truststoreType) { config.truststoreType = truststoreType; }

    /** Check that the server certificate names the host. Default true; turn off only for tests. */
    public void setHostnameVerification(boolean hostnameVerification) { config.hostnameVerification = hostnameVerification; }

    /** NDJSON file receiving events Elasticsearch rejected for good, with its error. Default: none (only counted). */
    public void setDeadLetterFile(String deadLetterFile) { config.deadLetterFile = deadLetterFile; }

    /**
     * Size at which the dead-letter file is renamed to {@code <file>.1} (replacing the previous one) and a new
     * one started, so dead letters take at most twice this on disk. Default 104857600 (100 MiB).
     */
    public void setDeadLetterMaxBytes(long deadLetterMaxBytes) { config.deadLetterMaxBytes = deadLetterMaxBytes; }

    /** Folder of the disk spool that keeps events through outages and restarts. Default: none (memory only). */
    public void setSpoolDirectory(String spoolDirectory) { config.spoolDirectory = spoolDirectory; }

    /** Largest size of the spool on disk, in bytes. Default 1073741824 (1 GiB). */
    public void setSpoolMaxBytes(long spoolMaxBytes) { config.spoolMaxBytes = spoolMaxBytes; }

    /** {@code service.name} of every event (default encoder). */
    public void setServiceName(String serviceName) { config.serviceName = serviceName; }

    /** {@code service.version} of every event (default encoder). */
    public void setServiceVersion(String serviceVersion) { config.serviceVersion = serviceVersion; }

    /** {@code service.environment} of every event (default encoder). */
    public void setServiceEnvironment(String serviceEnvironment) { config.serviceEnvironment = serviceEnvironment; }

    /** {@code host.name} of every event (default encoder). Default: this machine's host name. */
    public void setHostName(String hostName) { config.hostName = hostName; }

    /** Longest {@code message} kept, in characters (default encoder). Default 32000. */
    public void setMaxMessageChars(int maxMessageChars) { config.maxMessageChars = maxMessageChars; }

    /** Longest {@code error.stack_trace} kept, in characters (default encoder). Default 16000. */
    public void setMaxStackTraceChars(int maxStackTraceChars) { config.maxStackTraceChars = maxStackTraceChars; }

    /** Keep only these MDC keys in events that are not mailtrail's (default encoder); repeatable or comma-separated. Default: all. */
    public void addIncludeMdcKeyName(String name) { config.includeMdcKeyNames.add(name); }

    /** Never write these MDC keys, in any event (default encoder); repeatable or comma-separated. */
    public void addExcludeMdcKeyName(String name) { config.excludeMdcKeyNames.add(name); }

    /**
     * An MDC key mailtrail's call and delivery events keep besides the trace ids (default encoder); its value is
     * redacted. Repeatable or comma-separated. Default: none (only {@code trace.id}, {@code span.id},
     * {@code transaction.id}).
     */
    public void addMailtrailMdcKeyName(String name) { config.mailtrailMdcKeyNames.add(name); }

    /** Redact the MDC values of every event, not only mailtrail's (default encoder). Default false. */
    public void setRedactMdc(boolean redactMdc) { config.redactMdc = redactMdc; }

    /** Register the JMX MBean. Default true. */
    public void setJmx(boolean jmx) { config.jmx = jmx; }

    /** Where the few must-see notices go (tests); {@code System.err} by default. */
    void setConsoleStream(java.io.PrintStream consoleStream) { this.consoleStream = consoleStream; }

    // ---- lifecycle

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (console == null) {
            // one per appender: each kind of notice is printed once in the appender's life, not at every restart
            console = new ConsoleNotice(getContext(), describe(), consoleStream);
        }
        String problem = config.validate();
        if (problem != null) {
            notStarted(problem);
            return;
        }
        AppenderCounters c = new AppenderCounters();
        try {
            Router router = new Router("logs", config.dataset, config.namespace);
            if (config.indexPattern != null) {
                router.withIndex(config.indexPattern);
            }
            if (!startEncoder()) {
                return;
            }
            spool = openSpoolOrFallBack();
            client = config.newClient(threadPrefix());
            policy = config.overflowPolicy(spool != null);
            queue = new BoundedEventQueue<>(config.queueSize, config.queueMaxBytes, EventWeigher::weigh);
            c.setQueueDepth(queue::size);
            callerWarnings = new ThrottledStatus(this, config.warningIntervalMillis);
            queueFullWarning = describe() + ": the queue is full (queueSize=" + config.queueSize
                    + ", queueMaxBytes=" + config.queueMaxBytes + ", overflowPolicy="
                    + policy.configName() + (policy == OverflowPolicy.BLOCK ? ", maxBlockMillis=" + config.maxBlockMillis : "")
                    + "); dropping " + (policy == OverflowPolicy.DROP_OLDEST ? "the oldest" : "new") + " events";
            ThrottledStatus shipperWarnings = new ThrottledStatus(this, config.warningIntervalMillis);
            AtomicBoolean outage = new AtomicBoolean();
            DeadLetterFile deadLetters = config.deadLetterFile == null ? null : new DeadLetterFile(Path.of(config.deadLetterFile), config.deadLetterMaxBytes);
            Backoff backoff = new Backoff(config.initialBackoffMillis, config.maxBackoffMillis,
                    bound -> ThreadLocalRandom.current().nextLong(bound + 1));
            BatchSender sender = new BatchSender(client, backoff, c, shipperWarnings, deadLetters, outage, console);
            shipper = new Shipper(new Shipper.Settings(config.maxBatchActions, config.maxBatchBytes,
                    config.flushIntervalMillis, config.lingerMillis, config.maxInFlightRequests, threadPrefix(),
                    Math.max(1, config.queueSize / 2)),
                    queue, encoder, router, sender, spool, c, shipperWarnings, outage);
            counters = c;
            shipper.start();
        } catch (ElasticsearchAppenderConfig.ConfigException e) {
            notStarted(e.getMessage());
            closeQuietly();
            return;
        } catch (RuntimeException e) {
            // not a known configuration mistake: keep the cause for the operator, still never fail the application
            addError(describe() + ": cannot start: " + e.getClass().getSimpleName() + "; the appender is not started", e);
            console.once(ConsoleNotice.Kind.NOT_STARTED, "cannot start: " + e.getClass().getSimpleName()
                    + "; the appender is not started and its events are lost");
            closeQuietly();
            return;
        }
        registerMBean();
        super.start();
        addInfo(describe() + " started: url=" + config.redactedUrl() + ", events without dataset go to "
                + (config.indexPattern != null ? "index " + config.index : "logs-" + config.dataset + "-" + config.namespace)
                + (spool != null ? ", spool " + config.spoolDirectory : ", no spool")
                + (mbeanName != null ? ", JMX " + mbeanName : ""));
    }

    /** A configuration mistake: one status error, and once on the console, since every event is now lost. */
    private void notStarted(String problem) {
        addError(describe() + ": " + problem + "; the appender is not started");
        console.once(ConsoleNotice.Kind.NOT_STARTED, problem + "; the appender is not started and its events are lost");
    }

    /**
     * The configured spool; when its folder cannot be used (not writable, held by another process), memory only:
     * losing the spool's protection is better than losing every event, and it is said loudly.
     */
    private DiskSpool openSpoolOrFallBack() {
        try {
            return config.openSpool();
        } catch (ElasticsearchAppenderConfig.ConfigException e) {
            String m = e.getMessage() + "; the appender runs WITHOUT a spool (memory only)";
            addError(describe() + ": " + m);
            console.once(ConsoleNotice.Kind.SPOOL_UNUSABLE, m);
            return null;
        }
    }

    private boolean startEncoder() {
        if (encoder == null) {
            EcsJsonEncoder ecs = new EcsJsonEncoder();
            ecs.setContext(getContext());
            ecs.setServiceName(config.serviceName);
            ecs.setServiceVersion(config.serviceVersion);
            ecs.setServiceEnvironment(config.serviceEnvironment);
            ecs.setHostName(config.hostName != null ? config.hostName : ElasticsearchAppenderConfig.localHostName());
            ecs.setMaxMessageChars(config.maxMessageChars);
            ecs.setMaxStackTraceChars(config.maxStackTraceChars);
            config.includeMdcKeyNames.forEach(ecs::addIncludeMdcKeyName);
            config.excludeMdcKeyNames.forEach(ecs::addExcludeMdcKeyName);
            config.mailtrailMdcKeyNames.forEach(ecs::addMailtrailMdcKeyName);
            ecs.setRedactMdc(config.redactMdc);
            encoder = ecs;
            ownEncoder = true;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        if (!encoder.isStarted()) {
            notStarted("option 'encoder' (" + encoder.getClass().getName() + ") did not start");
            return false;
        }
        return true;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Shipper.StopResult left = shipper.stop(config.shutdownTimeoutMillis);
        closeQuietly();
        unregisterMBean();
        MetricsSnapshot m = counters.snapshot();
        String summary = "appended " + m.appended() + ", sent " + m.sent() + ", failed " + m.failed()
                + ", dropped " + m.dropped() + ", spooled " + m.spooled() + ", dead-lettered " + m.deadLettered();
        String why = "left after shutdownTimeoutMillis=" + config.shutdownTimeoutMillis;
        if (left.lost() > 0) {
            String text = "stopped and LOST " + left.lost() + " events it could neither deliver nor keep: "
                    + (spool == null ? why + " with no spoolDirectory configured" : why + " or refused by a full or unwritable spool")
                    + (left.leftInSpool() > 0 ? "; " + left.leftInSpool() + " more events are LEFT in the spool " + config.spoolDirectory
                    + " for the next start" : "") + "; " + summary;
            addError(describe() + " " + text);
            console.once(ConsoleNotice.Kind.LEFT_BEHIND, text);
        } else if (left.leftInSpool() > 0) {
            String text = "stopped and LEFT " + left.leftInSpool() + " events in the spool " + config.spoolDirectory
                    + ", " + why + ": they are sent at the next start with this spoolDirectory (raise shutdownTimeoutMillis "
                    + "to deliver them before the process ends); " + summary;
            addError(describe() + " " + text);
            console.once(ConsoleNotice.Kind.LEFT_BEHIND, text);
        } else if (m.dropped() > 0) {
            addWarn(describe() + " stopped; " + summary);
        } else {
            addInfo(describe() + " stopped; " + summary);
        }
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                addWarn(describe() + ": closing the HTTP client failed: " + e.getClass().getSimpleName());
            }
            client = null;
        }
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                addWarn(describe() + ": closing the spool failed: " + e.getMessage());
            }
        }
        if (ownEncoder && encoder != null) {
            encoder.stop();
            encoder = null;
            ownEncoder = false;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (AppenderThread.isCurrent() || fromOwnStack(event.getLoggerName())) {
            return;
        }
        AppenderCounters c = counters;
        try {
            if (policy == OverflowPolicy.DROP_NEWEST && queue.isFull()) {
                // the event would be refused anyway: drop it before formatting its message and copying its MDC,
                // so an overwhelmed appender costs the caller less than a working one. A queue that fills between
                // this check and the offer below still refuses the prepared event, counted the same way.
                c.dropped.increment();
                callerWarnings.warn(queueFullWarning);
                return;
            }
            CallerPreparation.prepare(event);
            boolean queued;
            switch (policy) {
                case DROP_OLDEST -> {
                    int dropped = queue.offerDroppingOldest(event);
                    if (dropped > 0) {
                        c.dropped.add(dropped);
                        callerWarnings.warn(queueFullWarning);
                    }
                    queued = true;
                }
                case BLOCK -> queued = queue.offerBlocking(event, config.maxBlockMillis);
                default -> queued = queue.offer(event);
            }
            if (queued) {
                c.appended.increment();
            } else {
                c.dropped.increment();
                callerWarnings.warn(queueFullWarning);
            }
        } catch (Throwable t) {
            // the logging thread must never see a failure of the observability path, but the loss must be explained
            c.dropped.increment();
            callerWarnings.warn(() -> describe() + ": dropped an event that could not be queued ("
                    + t.getClass().getName() + ")");
        }
    }

    /** The appender's own HTTP stack and this library: shipping their events back would loop. */
    private static boolean fromOwnStack(String logger) {
        return logger != null && (logger.startsWith("org.elasticsearch.client") || logger.startsWith("org.apache.http")
                || logger.startsWith("io.mailtrail.logback"));
    }

    // ---- observability

    /** The counters now, as an immutable snapshot; they keep their values after stop until the next start. */
    public MetricsSnapshot getMetrics() {
        return counters.snapshot();
    }

    /** The JMX name this appender registers while started. */
    public ObjectName getObjectName() {
        try {
            return new ObjectName(JMX_DOMAIN + ":type=ElasticsearchAppender,name=" + ObjectName.quote(String.valueOf(getName())));
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private void registerMBean() {
        if (!config.jmx) {
            return;
        }
        try {
            ObjectName name = getObjectName();
            ManagementFactory.getPlatformMBeanServer().registerMBean(new AppenderMXBeanImpl(counters), name);
            mbeanName = name;
        } catch (Exception e) {
            addWarn(describe() + ": JMX MBean not registered: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                addWarn(describe() + ": JMX MBean not unregistered: " + e.getClass().getSimpleName());
            }
            mbeanName = null;
        }
    }

    private String threadPrefix() {
        return "mailtrail-es-" + (getName() == null ? "appender" : getName());
    }

    private String describe() {
        return "ElasticsearchAppender[" + getName() + "]";
    }

    /** Name and target only: never credentials. */
    @Override
    public String toString() {
        return describe() + "{url=" + config.redactedUrl() + "}";
    }
}
