package io.mailtrail.logback.queue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.lang.reflect.Field;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CallerPreparationTest {

    private final Logger logger = context().getLogger("app");

    /** A context reading the MDC that {@link MDC} writes to. */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        return context;
    }

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    private LoggingEvent event(String pattern, Object... args) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, pattern, null, args);
    }

    /** Logback keeps the formatted text in this private field once computed; there is no other way to see it. */
    private static Object formattedYet(LoggingEvent e) throws Exception {
        Field f = LoggingEvent.class.getDeclaredField("formattedMessage");
        f.setAccessible(true);
        return f.get(e);
    }

    private static String onAnotherThread(java.util.function.Supplier<String> read) {
        return CompletableFuture.supplyAsync(read).join();
    }

    @Test
    void immutableArgumentsAreFormattedLaterWithTheSameText() throws Exception {
        UUID id = UUID.fromString("0190b2a4-0000-7000-8000-000000000001");
        LoggingEvent e = event("sent {} to {} ({}, {})", 42L, "bob@example.org", id, true);

        CallerPreparation.prepare(e);

        assertThat(formattedYet(e)).isNull();
        assertThat(onAnotherThread(e::getFormattedMessage))
                .isEqualTo("sent 42 to bob@example.org (0190b2a4-0000-7000-8000-000000000001, true)");
    }

    @Test
    void aMutableArgumentIsFormattedNowSoALaterChangeDoesNotShow() throws Exception {
        StringBuilder state = new StringBuilder("before");
        LoggingEvent e = event("state {} n={}", state, 1);

        CallerPreparation.prepare(e);
        state.setLength(0);
        state.append("after");

        assertThat(formattedYet(e)).isEqualTo("state before n=1");
        assertThat(onAnotherThread(e::getFormattedMessage)).isEqualTo("state before n=1");
    }

    @Test
    void threadNameAndMdcAreTakenOnTheCallingThreadEitherWay() {
        MDC.put("tenant", "acme");
        LoggingEvent deferred = event("plain {}", "text");
        LoggingEvent formatted = event("mutable {}", new StringBuilder("x"));

        CallerPreparation.prepare(deferred);
        CallerPreparation.prepare(formatted);
        MDC.clear();

        String caller = Thread.currentThread().getName();
        for (LoggingEvent e : new LoggingEvent[]{deferred, formatted}) {
            assertThat(onAnotherThread(e::getThreadName)).isEqualTo(caller);
            assertThat(e.getMDCPropertyMap()).containsEntry("tenant", "acme");
        }
    }

    @Test
    void aMessageWithoutArgumentsNeedsNoFormatting() throws Exception {
        LoggingEvent e = event("no arguments", (Object[]) null);

        CallerPreparation.prepare(e);

        assertThat(onAnotherThread(e::getFormattedMessage)).isEqualTo("no arguments");
    }
}
