package io.mailtrail.tracker.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The replay defence shared by the verifiers: a timestamp within the tolerance, an id never seen before. */
final class Freshness {

    private final Clock clock;
    private final Duration tolerance;
    private final ReplayCache cache;

    Freshness(Clock clock, Duration tolerance, ReplayCache cache) {
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance: " + tolerance + " must be positive");
        }
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.tolerance = tolerance;
        this.cache = java.util.Objects.requireNonNull(cache, "replayCache");
    }

    Duration tolerance() {
        return tolerance;
    }

    /** Null when fresh and new (the id is then remembered), else the reason to reject. Call after the signature check. */
    String check(Instant timestamp, String replayId) {
        Instant now = clock.instant();
        if (timestamp.isBefore(now.minus(tolerance)) || timestamp.isAfter(now.plus(tolerance))) {
            return "timestamp outside the " + tolerance.toSeconds() + " s tolerance";
        }
        // kept until a copy would fail the timestamp check anyway
        if (!cache.firstSeen(replayId, now, tolerance.multipliedBy(2))) {
            return "replayed: already seen";
        }
        return null;
    }
}
