package io.mailtrail.benchmarks.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * The representative logging call of every benchmark: a message with two arguments and two SLF4J 2
 * key-value pairs, as an application would log it.
 */
public final class SampleEvents {

    public static final String MESSAGE = "sent message {} to {}";
    public static final String PROVIDER_KEY = "email.provider";
    public static final String DURATION_KEY = "event.duration";
    private static final String[] RECIPIENTS = {"ann@example.com", "bob@example.org", "cy@example.net", "di@example.com"};

    private SampleEvents() {
    }

    /** The call under test; {@code seq} varies the arguments so nothing is constant-folded. */
    public static void log(org.slf4j.Logger logger, long seq) {
        logger.atInfo()
                .setMessage(MESSAGE)
                .addArgument(seq)
                .addArgument(RECIPIENTS[(int) (seq & 3)])
                .addKeyValue(PROVIDER_KEY, "sendgrid")
                .addKeyValue(DURATION_KEY, 1_250_000L + (seq & 1023))
                .log();
    }

    /** The same event as {@link #log} produces, built without logging it, ready to be queued or encoded. */
    public static LoggingEvent event(Logger logger, long seq) {
        LoggingEvent e = new LoggingEvent(SampleEvents.class.getName(), logger, Level.INFO, MESSAGE, null,
                new Object[] {seq, RECIPIENTS[(int) (seq & 3)]});
        e.addKeyValuePair(new KeyValuePair(PROVIDER_KEY, "sendgrid"));
        e.addKeyValuePair(new KeyValuePair(DURATION_KEY, 1_250_000L + (seq & 1023)));
        e.prepareForDeferredProcessing();
        return e;
    }
}
