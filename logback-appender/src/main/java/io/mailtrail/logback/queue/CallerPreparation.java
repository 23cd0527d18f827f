package io.mailtrail.logback.queue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * What the calling thread must do to an event before another thread may read it: everything that depends on
 * the calling thread or on state the application may change afterwards. That is Logback's
 * {@code prepareForDeferredProcessing()}, less the message formatting when every argument is of a type whose
 * text cannot change (strings, boxed numbers, UUIDs, {@code java.time} values): the message then reads the
 * same when the encoder thread formats it, and the caller does not pay for the formatting. An argument of any
 * other type (a {@code StringBuilder}, a mutable bean) may change after the call, so such a message is
 * formatted now, as Logback's own asynchronous appenders do.
 */
public final class CallerPreparation {

    /** Final classes whose instances never change their {@code toString()}. */
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigDecimal.class, BigInteger.class,
            UUID.class, Instant.class, Duration.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class,
            ZonedDateTime.class);

    private CallerPreparation() {
    }

    public static void prepare(ILoggingEvent event) {
        if (event instanceof LoggingEvent logback && immutable(logback.getArgumentArray())) {
            logback.getThreadName();
            logback.getMDCPropertyMap();
            return;
        }
        event.prepareForDeferredProcessing();
    }

    private static boolean immutable(Object[] arguments) {
        if (arguments == null) {
            return true;
        }
        for (Object argument : arguments) {
            if (argument != null && !IMMUTABLE.contains(argument.getClass())) {
                return false;
            }
        }
        return true;
    }
}
