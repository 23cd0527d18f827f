package io.mailtrail.alerts.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code interval}: fires at {@code start + k * interval}. */
final class IntervalSchedule implements Schedule {

    private final long millis;

    IntervalSchedule(long millis) {
        this.millis = millis;
    }

    @Override
    public String type() {
        return "interval";
    }

    @Override
    public Optional<Instant> nextAfter(Instant start, Instant time) {
        long s = start.toEpochMilli();
        long t = Math.max(time.toEpochMilli(), s);
        if (t == s) {
            t++;
        }
        long next = s + ((t - s) / millis + 1) * millis;
        return Optional.of(Instant.ofEpochMilli(next));
    }

    @Override
    public List<String> crons() {
        return List.of();
    }

    @Override
    public Optional<Long> intervalMillis() {
        return Optional.of(millis);
    }
}
