package io.mailtrail.tracker;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where new ids come from. The default draws from {@link ThreadLocalRandom}: these ids correlate events,
 * they guard nothing, so they need uniqueness, not unpredictability. Tests inject fixed ids.
 */
public interface IdSource {

    /** Id of a logical send ({@code mailtrail.send.id}) and of an event ({@code event.id}): a random UUID. */
    String newId();

    /** A W3C trace id: 32 lowercase hex digits, not all zero. */
    String newTraceId();

    /** A W3C span id: 16 lowercase hex digits, not all zero. */
    String newSpanId();

    /** The default, random source. */
    static IdSource random() {
        return RandomIds.INSTANCE;
    }

    /** Random ids from {@link ThreadLocalRandom}. */
    final class RandomIds implements IdSource {
        private static final RandomIds INSTANCE = new RandomIds();

        private RandomIds() {
        }

        @Override
        public String newId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long hi = (r.nextLong() & ~0xF000L) | 0x4000L;                 // version 4
            long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new UUID(hi, lo).toString();
        }

        @Override
        public String newTraceId() {
            return hex(ThreadLocalRandom.current().nextLong(), 16) + hex(nonZero(), 16);
        }

        @Override
        public String newSpanId() {
            return hex(nonZero(), 16);
        }

        private static long nonZero() {
            long v;
            do {
                v = ThreadLocalRandom.current().nextLong();
            } while (v == 0);
            return v;
        }

        private static String hex(long value, int digits) {
            String s = Long.toHexString(value);
            return "0".repeat(digits - s.length()) + s;
        }
    }
}
