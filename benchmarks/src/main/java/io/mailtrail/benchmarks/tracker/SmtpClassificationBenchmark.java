package io.mailtrail.benchmarks.tracker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.helpers.NOPAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.benchmarks.support.Appenders;
import io.mailtrail.schema.Dataset;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.Call;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.smtp.SmtpCommand;
import io.mailtrail.tracker.smtp.SmtpReply;
import io.mailtrail.tracker.smtp.SmtpReplyClassifier;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What classifying an SMTP failure costs, against what the tracker costs per failed call. {@code diagnose} runs
 * {@link SmtpReplyClassifier#diagnose} alone over twelve real-world replies in turn (decided by a code, by the
 * enhanced status table, by a phrase early or late in the phrase list, and by nothing: a reply that runs every
 * phrase rule). {@code trackedClassified} tracks a call that throws, classified through the same twelve replies;
 * {@code trackedFixed} tracks the same call with a classifier that returns a ready result. So the share of
 * classification in the tracked call is {@code (trackedClassified - trackedFixed) / trackedClassified}, from the
 * same run. Logging as {@code TrackerOverheadBenchmark}'s {@code nop}: logger {@code mailtrail.calls} at INFO with
 * Logback's NOP appender, an own LoggerContext.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class SmtpClassificationBenchmark {

    /** Only {@code nop}: the column {@code run.sh} reads from every benchmark of this package. */
    @Param({"nop"})
    public String logging;

    /** Replies as servers send them (Postfix, Gmail, Microsoft 365, Yahoo, Spamhaus via Postfix, RFC 5321 texts). */
    static final String[] REPLIES = {
            "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
            "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain",
            "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1",
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1",
            "452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
            "550 5.7.509 Access denied, sending domain EXAMPLE.COM does not pass DMARC verification and has a DMARC policy of reject",
            "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
            "554 5.7.9 Message not accepted for policy reasons.  See https://senders.yahooinc.com/error-codes",
            "421 4.7.0 Too many connections from 192.0.2.1, try again later",
            "535 5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials",
            "550 Requested action not taken: mailbox unavailable",
            "553 Requested action not taken",
    };
    static final SmtpCommand[] STAGES = {SmtpCommand.RCPT, SmtpCommand.DATA, SmtpCommand.RCPT, SmtpCommand.MAIL,
            SmtpCommand.RCPT, SmtpCommand.DATA, SmtpCommand.RCPT, SmtpCommand.DATA, SmtpCommand.CONNECT, SmtpCommand.AUTH,
            SmtpCommand.MAIL, SmtpCommand.DATA};

    private SmtpReply[] replies;
    private LoggerContext context;
    private MailTracker tracker;
    private Email email;
    private int next;
    private final RuntimeException refused = new RuntimeException("550 5.1.1 refused");
    private final Call<Object, RuntimeException> failing = () -> {
        throw refused;
    };
    private CallClassifier<Object> classified;
    private CallClassifier<Object> fixed;

    @Setup(Level.Trial)
    public void setUp() {
        replies = new SmtpReply[REPLIES.length];
        for (int i = 0; i < REPLIES.length; i++) {
            replies[i] = SmtpReply.parse(REPLIES[i]);
        }
        context = Appenders.newContext("benchsmtp");
        Logger calls = context.getLogger(Dataset.CALLS.loggerName());
        calls.setLevel(ch.qos.logback.classic.Level.INFO);
        calls.setAdditive(false);
        NOPAppender<ILoggingEvent> nop = new NOPAppender<>();
        nop.setContext(context);
        nop.start();
        calls.addAppender(nop);
        tracker = MailTracker.builder().serviceName("billing")
                .privacy(PrivacyPolicy.builder().hmacKey("bench-hmac-key-0123456789abcdef").build())
                .loggerFactory(context).build();
        email = Email.builder("smtp").template("order-receipt").to("alice.martin@example.com", "bob@shop.example.org")
                .from("billing@shop.example").tenant("acme").localId("order-48213").build();
        AttemptResult ready = result(replies[0], STAGES[0]);
        fixed = new CallClassifier<>() {
            @Override
            public AttemptResult classifyResult(Object result) {
                return AttemptResult.success().build();
            }

            @Override
            public AttemptResult classifyError(Throwable error) {
                return ready;
            }
        };
        classified = new CallClassifier<>() {
            @Override
            public AttemptResult classifyResult(Object result) {
                return AttemptResult.success().build();
            }

            @Override
            public AttemptResult classifyError(Throwable error) {
                int i = next();
                return result(replies[i], STAGES[i]);
            }
        };
        // the measured paths must classify what they claim to: one reply decided by each kind of rule
        check(0, "recipient_rejected");
        check(1, "sender_authentication_failed");
        check(2, "sender_blocklisted");
        check(10, "sender_not_authorized");
        check(11, "recipient_rejected");
    }

    private void check(int i, String category) {
        String got = SmtpReplyClassifier.diagnose(replies[i], STAGES[i]).category().value();
        if (!got.equals(category)) {
            throw new IllegalStateException("reply " + i + " classified " + got + ", expected " + category);
        }
    }

    private int next() {
        int i = next;
        next = i + 1 == REPLIES.length ? 0 : i + 1;
        return i;
    }

    private static AttemptResult result(SmtpReply reply, SmtpCommand stage) {
        SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(reply, stage);
        return AttemptResult.failure(d.category()).retryable(d.retryable()).errorCode(String.valueOf(reply.code()))
                .smtpReplyCode(reply.code()).smtpEnhancedStatus(reply.enhanced()).smtpResponse(reply.text()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.stop();
    }

    /** The classification alone: the twelve replies in turn. */
    @Benchmark
    public SmtpReplyClassifier.Diagnosis diagnose() {
        int i = next();
        return SmtpReplyClassifier.diagnose(replies[i], STAGES[i]);
    }

    /** A failed call tracked and classified from its reply. */
    @Benchmark
    public Object trackedClassified() {
        try {
            return tracker.track(email, failing, classified);
        } catch (RuntimeException expected) {
            return expected;
        }
    }

    /** The same failed call with a classifier that returns a ready result: the tracker without classification. */
    @Benchmark
    public Object trackedFixed() {
        try {
            return tracker.track(email, failing, fixed);
        } catch (RuntimeException expected) {
            return expected;
        }
    }
}
