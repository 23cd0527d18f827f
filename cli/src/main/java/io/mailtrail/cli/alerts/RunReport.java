package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.mail.MailSender;
import io.mailtrail.alerts.schedule.Schedule;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.cli.report.ReportCommand;
import io.mailtrail.cli.report.ReportJob;
import io.mailtrail.cli.report.ReportSettings;
import io.mailtrail.cli.report.ScheduledReport;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The report {@code alerts run} emails on a schedule ({@code --report-schedule}). It runs on a thread of its
 * own: computing, drawing and a send retried with backoff can take minutes, and the watches must not wait.
 * Like the watches it runs on the engine that holds the lease only, so two engines send one report.
 */
final class RunReport implements AutoCloseable {

    static final List<Option> OPTIONS = List.of(
            Option.valued("report-schedule", "JSON", "also email the report on this schedule, a Watcher trigger.schedule: "
                    + "'{\"weekly\":{\"on\":\"monday\",\"at\":\"07:00\"}}', '{\"daily\":{\"at\":\"06:30\"}}', '{\"cron\":\"0 0 7 ? * MON\"}' (UTC unless \"timezone\" is given)"),
            Option.valued("report-email", "ADDRESSES", "comma-separated recipients of the scheduled report (default: --recipients)"),
            Option.valued("report-period", "DURATION", "how far back each report reaches (default: the time between two runs of the schedule, 7d for weekly)"),
            Option.valued("report-namespace", "NAME", "data stream namespace the report reads (default " + Dataset.DEFAULT_NAMESPACE + ")"),
            Option.flag("report-no-compare", "do not compare with the period before (default: compare, and list what got notably worse)"));

    private final ScheduledReport scheduled;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mailtrail-scheduled-report");
        t.setDaemon(true);
        return t;
    });
    private Future<?> running;

    private RunReport(ScheduledReport scheduled) {
        this.scheduled = scheduled;
    }

    /**
     * Reads the report options; empty when {@code --report-schedule} is not given.
     *
     * @throws CliException (usage) naming the option and value that is wrong, or the option that is missing
     */
    static Optional<RunReport> from(Arguments args, ConnectionOptions connection, MailSender mail, Clock clock, Consumer<String> log) {
        Optional<String> json = args.value("report-schedule");
        if (json.isEmpty()) {
            for (String option : List.of("report-email", "report-period", "report-namespace", "report-no-compare")) {
                if (args.value(option).isPresent() || args.flag(option)) {
                    throw CliException.usage("--" + option + " needs --report-schedule (e.g. '{\"weekly\":{\"on\":\"monday\",\"at\":\"07:00\"}}')");
                }
            }
            return Optional.empty();
        }
        Schedule schedule = ScheduledReport.schedule("report-schedule", json.get());
        Instant now = clock.instant();
        String option = args.value("report-email").isPresent() ? "report-email" : "recipients";
        List<String> recipients = ReportSettings.recipients(option, args.value(option).orElseThrow(() ->
                CliException.usage("--report-schedule needs recipients: --report-email ADDRESSES (or --recipients)")));
        Duration period = args.value("report-period").map(v -> AlertsEnvironment.duration("report-period", v))
                .or(() -> ScheduledReport.naturalPeriod(schedule, now))
                .orElseThrow(() -> CliException.usage("--report-schedule " + json.get() + ": does not fire again; give a schedule that repeats"));
        String namespace = args.value("report-namespace").orElse(Dataset.DEFAULT_NAMESPACE);
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--report-namespace: " + e.getMessage());
        }
        ReportJob job = new ReportJob(period, !args.flag("report-no-compare"), ReportCommand.source(connection, namespace, clock), mail,
                recipients, ReportJob.Retry.DEFAULT, d -> Thread.sleep(d.toMillis()), log);
        return Optional.of(new RunReport(new ScheduledReport(schedule, now, job)));
    }

    /** The first time the report goes out, for the start line. */
    Optional<Instant> next() {
        return scheduled.next();
    }

    /**
     * Called after each tick of the engine: on the engine holding the lease, starts the report when it is due
     * and the last one has finished; on one standing by, lets the due time pass.
     */
    void tick(Instant now, boolean holdsLease) {
        if (!holdsLease) {
            scheduled.skip(now);
        } else if (running == null || running.isDone()) {
            running = thread.submit(() -> scheduled.tick(now));
        }
    }

    /** Stops a report that is waiting to retry (it logs that it was not sent). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
