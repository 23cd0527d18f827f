package io.mailtrail.tracker;

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

    /** Random ids from {@link ThreadLocalRandom}, hex-encoded by hand: this runs on every tracked call. */
    final class RandomIds implements IdSource {
        private static final RandomIds INSTANCE = new RandomIds();
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private RandomIds() {
        }

        @Override
        public String newId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long hi = (r.nextLong() & ~0xF000L) | 0x4000L;                         // version 4
            long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;  // IETF variant
            char[] c = new char[36];
            hex(hi >>> 32, c, 0, 8);
            c[8] = '-';
            hex(hi >>> 16, c, 9, 4);
            c[13] = '-';
            hex(hi, c, 14, 4);
            c[18] = '-';
            hex(lo >>> 48, c, 19, 4);
            c[23] = '-';
            hex(lo, c, 24, 12);
            return new String(c);
        }

        @Override
        public String newTraceId() {
            char[] c = new char[32];
            hex(ThreadLocalRandom.current().nextLong(), c, 0, 16);
            hex(nonZero(), c, 16, 16);
            return new String(c);
        }

        @Override
        public String newSpanId() {
            char[] c = new char[16];
            hex(nonZero(), c, 0, 16);
            return new String(c);
        }

        private static long nonZero() {
            long v;
            do {
                v = ThreadLocalRandom.current().nextLong();
            } while (v == 0);
            return v;
        }

        /** Writes the low {@code digits} hex digits of {@code value} into {@code out} at {@code at}. */
        private static void hex(long value, char[] out, int at, int digits) {
            long v = value;
            for (int i = at + digits - 1; i >= at; i--) {
                out[i] = HEX[(int) (v & 0xf)];
                v >>>= 4;
            }
        }
    }
}
