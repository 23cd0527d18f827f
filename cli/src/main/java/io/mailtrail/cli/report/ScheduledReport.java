package io.mailtrail.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.alerts.schedule.Schedule;
import io.mailtrail.alerts.schedule.Schedules;
import io.mailtrail.alerts.schedule.TriggerSimulation;
import io.mailtrail.cli.CliException;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ReportJob} on a schedule of the user's choice, written as a Watcher {@code trigger.schedule}
 * ({@code {"weekly":{"on":"monday","at":"07:00"}}}, {@code {"cron":"0 0 7 ? * MON"}}, {@code {"interval":"1d"}}),
 * with the alert engine's own schedules and ticker semantics: the engine's loop calls {@link #tick} on each of
 * its ticks; a due tick runs the report of the period that ends at the scheduled time.
 */
public final class ScheduledReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TriggerSimulation trigger;
    private final ReportJob job;

    public ScheduledReport(Schedule schedule, Instant start, ReportJob job) {
        this.trigger = new TriggerSimulation(Objects.requireNonNull(schedule, "schedule"), Objects.requireNonNull(start, "start"));
        this.job = Objects.requireNonNull(job, "job");
    }

    /**
     * Reads a schedule given on the command line.
     *
     * @throws CliException (usage) naming the option and what is wrong with the value
     */
    public static Schedule schedule(String option, String json) {
        try {
            return Schedules.parse(JSON.readTree(json));
        } catch (IOException e) {
            throw CliException.usage("--" + option + " '" + json + "': not JSON; e.g. {\"weekly\":{\"on\":\"monday\",\"at\":\"07:00\"}}");
        } catch (RuntimeException e) {
            throw CliException.usage("--" + option + " '" + json + "': " + e.getMessage());
        }
    }

    /**
     * The period a report on this schedule naturally covers: the time from one scheduled run to the next after
     * {@code now} (7 days for a weekly schedule, 1 day for a daily one, the interval of an interval).
     *
     * @return empty when the schedule does not fire twice more
     */
    public static Optional<java.time.Duration> naturalPeriod(Schedule schedule, Instant now) {
        return schedule.nextAfter(now, now).flatMap(first -> schedule.nextAfter(now, first).map(second -> java.time.Duration.between(first, second)));
    }

    /**
     * @return empty when nothing was due; else whether the report went out (failures were logged and retried)
     */
    public Optional<Boolean> tick(Instant now) {
        Optional<TriggerSimulation.Event> due;
        synchronized (trigger) { // the engine's thread may skip while a report runs on its own thread
            due = trigger.tick(now);
        }
        return due.map(event -> job.run(event.scheduledTime()));
    }

    /**
     * Lets a due time pass without a report: the engine that stands by while another holds the lease keeps its
     * schedule current, so that on taking over it does not send a report the other one sent already.
     *
     * @return whether a due time passed
     */
    public boolean skip(Instant now) {
        synchronized (trigger) {
            return trigger.tick(now).isPresent();
        }
    }

    /** When the report runs next, if ever. */
    public Optional<Instant> next() {
        synchronized (trigger) {
            return trigger.pending();
        }
    }
}
