package io.mailtrail.logback.bulk;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered unique ids (UUID version 7: 48 bits of Unix milliseconds, then random bits). Time order keeps
 * Elasticsearch's {@code _id} lookups on {@code create} cheap; randomness keeps them unique across processes.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String next(long epochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (epochMillis << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
