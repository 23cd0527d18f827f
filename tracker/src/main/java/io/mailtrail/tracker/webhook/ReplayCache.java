package io.mailtrail.tracker.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ids (tokens, signatures, SNS message ids) of the requests a verifier accepted, for as long as
 * their timestamp would still pass the tolerance, so a captured request cannot be sent again. Bounded: when
 * full of unexpired ids the oldest is forgotten (size it above the webhook rate × the tolerance window).
 * In memory, per verifier instance: several application instances behind a load balancer each keep their own.
 * Thread-safe.
 */
public final class ReplayCache {

    /** Default capacity: 100,000 ids (a few MB). */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    private ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** A cache of {@link #DEFAULT_CAPACITY} ids. */
    public static ReplayCache create() {
        return new ReplayCache(DEFAULT_CAPACITY);
    }

    /** A cache of {@code capacity} ids (at least 1). */
    public static ReplayCache create(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay cache capacity: " + capacity + " is below 1");
        }
        return new ReplayCache(capacity);
    }

    /**
     * Records {@code id} until {@code now + keep}; true if it was not already recorded (the request is new).
     */
    public synchronized boolean firstSeen(String id, Instant now, Duration keep) {
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isAfter(now)) {
                break;   // insertion order is expiry order: every later one is alive too
            }
            it.remove();
        }
        Instant expiry = seen.get(id);
        if (expiry != null && expiry.isAfter(now)) {
            return false;
        }
        while (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(id, now.plus(keep));
        return true;
    }

    /** Ids remembered now. */
    public synchronized int size() {
        return seen.size();
    }
}
