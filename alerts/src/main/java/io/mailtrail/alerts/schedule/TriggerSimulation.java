package io.mailtrail.alerts.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watcher's ticker trigger engine: each tick at or after the pending scheduled time fires once with that
 * (possibly stale) scheduled time; missed fire times are not replayed; the next time is computed after the tick.
 */
public final class TriggerSimulation {

    /** One trigger event. */
    public record Event(Instant triggeredTime, Instant scheduledTime) {
    }

    private final Schedule schedule;
    private final Instant start;
    private Instant scheduled;

    public TriggerSimulation(Schedule schedule, Instant start) {
        this.schedule = schedule;
        this.start = start;
        this.scheduled = schedule.nextAfter(start, start).orElse(null);
    }

    /** The event a tick at {@code time} produces, if any. */
    public Optional<Event> tick(Instant time) {
        if (scheduled == null || time.isBefore(scheduled)) {
            return Optional.empty();
        }
        Event e = new Event(time, scheduled);
        scheduled = schedule.nextAfter(start, time).orElse(null);
        return Optional.of(e);
    }

    /** The pending scheduled time, if the schedule fires again. */
    public Optional<Instant> pending() {
        return Optional.ofNullable(scheduled);
    }

    public List<Event> run(List<Instant> ticks) {
        List<Event> out = new ArrayList<>();
        ticks.forEach(t -> tick(t).ifPresent(out::add));
        return out;
    }
}
