package io.mailtrail.alerts.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A schedule compiled to cron expressions (cron, hourly, daily, weekly, monthly, yearly): the earliest one fires. */
final class CronSchedule implements Schedule {

    private final String type;
    private final List<Cron> crons;
    private final ZoneId zone;

    CronSchedule(String type, List<Cron> crons, ZoneId zone) {
        this.type = type;
        this.crons = List.copyOf(crons);
        this.zone = zone;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Optional<Instant> nextAfter(Instant start, Instant time) {
        return crons.stream().map(c -> c.nextAfter(time, zone)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    @Override
    public List<String> crons() {
        return crons.stream().map(Cron::expression).toList();
    }

    @Override
    public Optional<Long> intervalMillis() {
        return Optional.empty();
    }
}
