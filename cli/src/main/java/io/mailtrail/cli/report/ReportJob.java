package io.mailtrail.cli.report;

import io.mailtrail.alerts.mail.MailDeliveryException;
import io.mailtrail.alerts.mail.MailSender;
import io.mailtrail.cli.CliException;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.chart.ReportCharts;
import io.mailtrail.reports.mail.ReportEmail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One scheduled report: compute the period that ends now, draw, email; on failure log one line and retry
 * with a growing delay, so a report is never lost silently. The scheduler (the alert engine's loop, cron,
 * a Kubernetes CronJob running {@code mailtrail report --email ...}) decides when {@link #run} is called.
 */
public final class ReportJob {

    /** Computes a report for a period; failures are {@link CliException}s with one clear line. */
    @FunctionalInterface
    public interface Source {
        Report report(ReportPeriod period, boolean comparePrevious);
    }

    /** Waits between attempts; the real one sleeps, tests may do something real meanwhile. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param attempts     tries in all, at least 1
     * @param firstBackoff wait after the first failure; doubled after each further one
     */
    public record Retry(int attempts, Duration firstBackoff) {
        public static final Retry DEFAULT = new Retry(4, Duration.ofMinutes(1));

        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("report retry attempts: expected 1 or more, got " + attempts);
            }
            Objects.requireNonNull(firstBackoff, "firstBackoff");
        }
    }

    private final Duration length;
    private final boolean comparePrevious;
    private final Source source;
    private final MailSender sender;
    private final List<String> recipients;
    private final Retry retry;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    /**
     * @param length          how far back from {@code now} the period reaches (7 days for a weekly report)
     * @param comparePrevious compare with the period before and list regressions
     * @param log             where each failure and each sent report is reported, one line each
     */
    public ReportJob(Duration length, boolean comparePrevious, Source source, MailSender sender, List<String> recipients, Retry retry,
                     Sleeper sleeper, Consumer<String> log) {
        this.length = Objects.requireNonNull(length, "length");
        this.comparePrevious = comparePrevious;
        this.source = Objects.requireNonNull(source, "source");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.recipients = List.copyOf(recipients);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
        if (this.recipients.isEmpty()) {
            throw new IllegalArgumentException("report job: no recipient");
        }
    }

    /**
     * Computes, renders and sends the report of {@code [now - length, now)}, retrying failures.
     *
     * @return true when the report was sent; false when every attempt failed (each failure was logged)
     */
    public boolean run(Instant now) {
        ReportPeriod period = new ReportPeriod(now.minus(length), now);
        Duration backoff = retry.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            String failure;
            boolean retryable = true;
            try {
                Report report = source.report(period, comparePrevious);
                List<Chart> charts = new ReportCharts().charts(report);
                String id = ReportMail.send(sender, ReportEmail.of(report, charts), recipients);
                log.accept("mailtrail report " + period.from() + " → " + period.to() + ": sent to " + recipients.size()
                        + " recipient(s), " + report.regressions().size() + " notably worse, Message-ID " + id);
                return true;
            } catch (MailDeliveryException e) {
                failure = "sending failed: " + e.getMessage();
                retryable = e.retryable();
            } catch (CliException e) {
                failure = "computing failed: " + e.getMessage();
            } catch (RuntimeException e) {
                // Rendering is our own code: a failure is a bug, reported with its type so it can be found.
                failure = "rendering failed: " + e;
            }
            if (!retryable || attempt >= retry.attempts()) {
                log.accept("mailtrail report " + period.from() + " → " + period.to() + ": attempt " + attempt + " of " + retry.attempts()
                        + " " + failure + "; giving up" + (retryable ? "" : " (not retryable)"));
                return false;
            }
            log.accept("mailtrail report " + period.from() + " → " + period.to() + ": attempt " + attempt + " of " + retry.attempts()
                    + " " + failure + "; retrying in " + backoff.toSeconds() + " s");
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.accept("mailtrail report " + period.from() + " → " + period.to() + ": interrupted, not sent");
                return false;
            }
            backoff = backoff.multipliedBy(2);
        }
    }
}
