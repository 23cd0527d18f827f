package io.mailtrail.alerts.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When a watch runs: {@code trigger.schedule}. */
public interface Schedule {

    /** Watcher's type name ({@code interval}, {@code cron}, {@code hourly}, ...). */
    String type();

    /**
     * The first scheduled time strictly after {@code time}.
     *
     * @param start when the schedule started (intervals count from it; cron-based types ignore it)
     */
    Optional<Instant> nextAfter(Instant start, Instant time);

    /** The cron expressions a cron-based schedule compiles to; empty for {@code interval}. */
    List<String> crons();

    /** The interval in millis, for {@code interval}; empty otherwise. */
    Optional<Long> intervalMillis();
}
