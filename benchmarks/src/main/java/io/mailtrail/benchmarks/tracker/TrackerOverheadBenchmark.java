package io.mailtrail.benchmarks.tracker;

import ch.qos.logback.classic.Logger;
import io.mailtrail.benchmarks.caller.Sink;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;
import io.mailtrail.tracker.Call;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@link MailTracker#track} adds around a send call whose own work is nothing: {@code tracked*} wraps a
 * call that returns a pre-built SendGrid 202 response ({@link SendgridAccepted}) with the JDK HTTP adapter
 * ({@code HttpCalls.jdk(HttpProviders.sendgrid())}); {@code baseline*} invokes the same lambda untracked, in
 * the same JVM and with the same logging set up, so overhead = tracked − baseline. The email is a realistic
 * one (template, two recipients, sender, tenant, labels, local id) and the privacy policy has an HMAC key.
 *
 * <p>{@link #logging} says where the tracker's event goes, so the report can tell where the time goes:
 * <ul>
 *   <li>{@code nop}: logger {@code mailtrail.calls} at INFO with Logback's {@code NOPAppender}: the tracker's
 *       own work + building the event + Logback's dispatch;</li>
 *   <li>{@code elasticsearch-down}: the real {@code ElasticsearchAppender} pointed at a closed loopback port:
 *       + the appender's hand-off (at this speed its queue is full, so mostly its drop path);</li>
 *   <li>{@code off}: the logger at OFF: the tracker without the event (timing, classification, ids);</li>
 *   <li>{@code synchronous}: an appender that reads every key-value pair on the calling thread
 *       ({@link PairsReadingAppender}), as a synchronous file appender's JSON encoder would: the pairs
 *       (redaction, recipient hashes) are computed on the calling thread, so this is the tracker's whole
 *       cost. With the other sinks they are computed by whoever reads them first: never for NOP, on the
 *       appender's own thread for mailtrail's appender.</li>
 * </ul>
 * The tracker gets its logger from a LoggerContext of its own ({@code loggerFactory}), so the benchmark
 * module's {@code logback.xml} (root at WARN) cannot silently disable it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class TrackerOverheadBenchmark {

    @Param({"nop", "elasticsearch-down", "off", "synchronous"})
    public String logging;

    /**
     * {@code hmac-key} (the realistic configuration, the only one {@code run.sh} measures): recipients are
     * written as domain + keyed hash. {@code no-key} (by hand, {@code -p privacy=no-key}): domains only, which
     * isolates what the hashing costs.
     */
    @Param({"hmac-key"})
    public String privacy;

    private Sink.Attached attached;
    private PairsReadingAppender reader;
    private MailTracker tracker;
    private Email email;
    private CallClassifier<HttpResponse<String>> classifier;
    private final Call<HttpResponse<String>, RuntimeException> send = () -> SendgridAccepted.INSTANCE;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        boolean off = "off".equals(logging);
        boolean synchronous = "synchronous".equals(logging);
        // the caller benchmark's sinks, reused: the same appender wiring (Sink also hangs it on the unused
        // logger bench.caller); a closed port needs no node, hence no URL
        attached = (off || synchronous ? Sink.NOP : Sink.of(logging)).attach(null, "benchtracker");
        Logger calls = attached.context().getLogger(Dataset.CALLS.loggerName());
        calls.setLevel(off ? ch.qos.logback.classic.Level.OFF : ch.qos.logback.classic.Level.INFO);
        calls.setAdditive(false);
        if (synchronous) {
            reader = new PairsReadingAppender();
            reader.setContext(attached.context());
            reader.start();
            calls.addAppender(reader);
        } else {
            calls.addAppender(attached.appender());
        }
        tracker = MailTracker.builder()
                .serviceName("billing")
                .privacy(privacyPolicy())
                .loggerFactory(attached.context())
                .build();
        email = Email.builder("sendgrid")
                .template("order-receipt")
                .to("alice.martin@example.com", "bob@shop.example.org")
                .from("billing@shop.example")
                .tenant("acme")
                .label("campaign", "spring-sale")
                .label("plan", "pro")
                .localId("order-48213")
                .build();
        classifier = HttpCalls.jdk(HttpProviders.sendgrid());
        checkWhatIsLogged(calls, off);
    }

    private PrivacyPolicy privacyPolicy() {
        return switch (privacy) {
            case "hmac-key" -> PrivacyPolicy.builder().hmacKey("bench-hmac-key-0123456789abcdef").build();
            case "no-key" -> PrivacyPolicy.defaults();
            default -> throw new IllegalArgumentException("privacy must be hmac-key or no-key, not " + privacy);
        };
    }

    /**
     * One tracked call with a {@link ListAppender} attached next to the sink: the measured path must log one
     * full success event (with the keyed recipient hash when a key is set), or nothing when the logger is off.
     * Otherwise the figures would flatter the tracker (a disabled logger, a failed classification).
     */
    private void checkWhatIsLogged(Logger calls, boolean off) {
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(attached.context());
        seen.start();
        calls.addAppender(seen);
        tracker.track(email, send, classifier);
        calls.detachAppender(seen);
        seen.stop();
        if (off) {
            if (!seen.list.isEmpty()) {
                throw new IllegalStateException("logging=off but the tracker logged " + seen.list.size() + " event(s)");
            }
            return;
        }
        if (seen.list.size() != 1) {
            throw new IllegalStateException("expected one event on " + calls.getName() + ", got " + seen.list.size());
        }
        Map<String, Object> kv = new HashMap<>();
        seen.list.get(0).getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
        for (Field f : List.of(Fields.EVENT_OUTCOME, Fields.HTTP_RESPONSE_STATUS_CODE, Fields.EMAIL_MESSAGE_ID, Fields.RECIPIENT_DOMAIN)) {
            if (kv.get(f.name()) == null) {
                throw new IllegalStateException("the benchmarked event lacks " + f.name() + ": " + kv.keySet());
            }
        }
        if ("hmac-key".equals(privacy) && kv.get(Fields.RECIPIENT_HASH.name()) == null) {
            throw new IllegalStateException("privacy=hmac-key but the event has no " + Fields.RECIPIENT_HASH.name());
        }
        if (!"success".equals(kv.get(Fields.EVENT_OUTCOME.name()))) {
            throw new IllegalStateException("the benchmarked call is not classified as a success: " + kv);
        }
    }

    @Benchmark
    @Threads(1)
    public HttpResponse<String> baseline1() {
        return send.call();
    }

    @Benchmark
    @Threads(1)
    public HttpResponse<String> tracked1() {
        return tracker.track(email, send, classifier);
    }

    @Benchmark
    @Threads(4)
    public HttpResponse<String> baseline4() {
        return send.call();
    }

    @Benchmark
    @Threads(4)
    public HttpResponse<String> tracked4() {
        return tracker.track(email, send, classifier);
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        MetricsSnapshot m = attached.metrics();
        attached.close();
        if (reader != null) {
            reader.stop();
            System.out.printf("%n%s, %s: pairs read, checksum %d%n", params.getBenchmark(), logging, reader.checksum());
        }
        if (m != null) {
            System.out.printf("%n%s, %s: appender appended %d, dropped %d%n",
                    params.getBenchmark(), logging, m.appended(), m.dropped());
        }
    }
}
