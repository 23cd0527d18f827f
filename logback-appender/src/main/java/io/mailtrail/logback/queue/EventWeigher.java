package io.mailtrail.logback.queue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;

/**
 * Estimates the heap a prepared event keeps while it waits in the memory queue, for the queue's byte budget
 * ({@code queueMaxBytes}). It reads only what the event already holds (never formats or calls
 * {@code toString()}), so it is cheap on the logging thread and gives the same answer every time.
 *
 * <p>It errs on the high side: strings are counted as if not shared (key names, usually literals, are not
 * counted), the MDC map as if each event had its own copy (Logback shares it between events until the MDC
 * changes), and the message twice when it has arguments (pattern and formatted text). Values of other types
 * count a fixed {@link #OTHER_VALUE} bytes. {@code benchmarks/} compares the estimate with the measured heap.
 */
public final class EventWeigher {

    /** A {@code LoggingEvent} with its fields, timestamps and the references it holds, without their content. */
    static final int EVENT = 240;
    /** A reference slot plus the header of a small boxed or other object. */
    static final int OTHER_VALUE = 32;
    /** A {@code KeyValuePair} object and its list slot. */
    static final int PAIR = 32;
    /** A map entry of the MDC copy. */
    static final int MAP_ENTRY = 48;
    /** One frame of a throwable proxy (element, proxy, strings of class and method mostly shared). */
    static final int FRAME = 96;

    private EventWeigher() {
    }

    /** The estimated bytes the event retains; never negative, saturates at {@link Integer#MAX_VALUE}. */
    public static int weigh(ILoggingEvent event) {
        long n = EVENT;
        String message = event.getMessage();
        Object[] arguments = event.getArgumentArray();
        n += string(message);
        if (arguments != null && arguments.length > 0) {
            n += string(message); // the formatted message, once made
            for (Object a : arguments) {
                n += 8 + value(a);
            }
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair p : pairs) {
                n += PAIR + (p == null ? 0 : value(p.value));
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            n += 64;
            for (Map.Entry<String, String> e : mdc.entrySet()) {
                n += MAP_ENTRY + string(e.getKey()) + string(e.getValue());
            }
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            n += 128 + string(t.getMessage());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            n += frames == null ? 0 : (long) frames.length * FRAME;
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** A string: object header, array header and one byte per character (compact Latin-1 strings). */
    private static long string(String s) {
        return s == null ? 0 : 40L + s.length();
    }

    private static long value(Object v) {
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Object[] array) {
            return 16L + 8L * array.length + (long) OTHER_VALUE * array.length;
        }
        if (v instanceof java.util.Collection<?> c) {
            return 32L + (long) (8 + OTHER_VALUE) * c.size();
        }
        return v == null ? 0 : OTHER_VALUE;
    }
}
