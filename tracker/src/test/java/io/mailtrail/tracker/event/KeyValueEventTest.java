package io.mailtrail.tracker.event;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyValueEventTest {

    private final List<KeyValuePair> pairs = List.of(
            new KeyValuePair("event.outcome", "failure"),
            new KeyValuePair("mailtrail.attempt.number", 2L));

    @Test
    void logbackGetsTheWholeEventWithTheSameListAndTheCallerBehindTheTracker() {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> seen = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.getCallerData(); // caller data exists only while the logging call is on the stack
                super.append(e);
            }
        };
        seen.setContext(context);
        seen.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("mailtrail.calls");
        logger.addAppender(seen);

        KeyValueEvent.log(logger, Level.WARN, "sendgrid send failure", pairs);

        ILoggingEvent e = seen.list.get(0);
        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(e.getLoggerName()).isEqualTo("mailtrail.calls");
        assertThat(e.getFormattedMessage()).isEqualTo("sendgrid send failure");
        assertThat(e.getKeyValuePairs()).isSameAs(pairs);
        assertThat(e.getThrowableProxy()).isNull();
        // caller data starts behind the tracker's logging code: here, this test
        assertThat(e.getCallerData()[0].getClassName()).isEqualTo(KeyValueEventTest.class.getName());
    }

    @Test
    void aLoggerThatTakesNoWholeEventsGetsEveryPairThroughTheFluentApi() {
        RecordingLogger logger = new RecordingLogger();

        KeyValueEvent.log(logger, Level.INFO, "sendgrid send success", pairs);

        // SLF4J's fluent API hands a plain logger the pairs in front of the message
        assertThat(logger.messages).containsExactly("INFO event.outcome=failure mailtrail.attempt.number=2 sendgrid send success");
    }

    /** A logger outside SLF4J's LoggingEventAware SPI, as simple bindings are. */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        final List<String> messages = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable t) {
            messages.add(level + " " + pattern);
        }

        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isErrorEnabled() { return true; }
    }
}
