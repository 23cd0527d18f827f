package io.mailtrail.cli.report;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.mailtrail.alerts.mail.MailDeliveryException;
import io.mailtrail.alerts.mail.SmtpMailSender;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.reports.Format;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.Reporter;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.chart.ReportCharts;
import io.mailtrail.reports.compare.Regression;
import io.mailtrail.reports.compare.RegressionRules;
import io.mailtrail.reports.compare.Thresholds;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.mail.ReportEmail;
import io.mailtrail.reports.query.ReportQueries;
import io.mailtrail.reports.query.RestSearchClient;
import io.mailtrail.reports.render.ReportFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mailtrail report}: the figures of a period (and the one before), from Elasticsearch aggregations, as
 * a self-contained HTML file with charts, a JSON summary beside it, and optionally an email.
 */
public final class ReportCommand implements Command {

    static final String READ_PRIVILEGE = "read' on the indices 'logs-mailtrail.*";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemUTC());
    }

    /** With a clock of the caller's choice, so that {@code now-7d} is reproducible in tests. */
    public ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "write an HTML report with charts (and a JSON summary) of a period, optionally compared with the period before, optionally emailed";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ConnectionOptions.OPTIONS);
        options.addAll(ReportSettings.OPTIONS);
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConnectionOptions connection = ConnectionOptions.from(arguments, console);
        ReportSettings settings = ReportSettings.from(arguments, console, clock.instant());
        Report report;
        try (Cluster cluster = Cluster.connect(connection)) {
            report = compute(cluster, settings.period(), settings.comparePrevious(), settings.namespace(), clock);
        }
        List<Chart> charts = new ReportCharts().charts(report);
        try {
            new ReportFiles().write(report, charts, settings.out(), settings.summaryFile());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "could not write the report to " + settings.out() + " / " + settings.summaryFile() + ": " + e);
        }
        print(console.out(), report, charts, settings);
        settings.smtp().ifPresent(smtp -> {
            try {
                ReportMail.send(new SmtpMailSender(smtp), ReportEmail.of(report, charts), settings.recipients());
            } catch (MailDeliveryException e) {
                throw new CliException(ExitCode.FAILED, "the report is written to " + settings.out() + ", but emailing it failed: " + e.getMessage());
            }
            console.out().println("emailed to " + settings.recipients().size() + " recipient(s) via " + smtp.address());
        });
        return ExitCode.OK;
    }

    /** Runs the aggregations; every cluster failure becomes one {@link CliException} line naming URL and user. */
    public static Report compute(Cluster cluster, ReportPeriod period, boolean comparePrevious, String namespace, Clock clock) {
        return cluster.call("read the report's aggregations from logs-mailtrail.*-" + namespace, READ_PRIVILEGE, client -> {
            // The typed client has no aggregation builders worth their weight here: JSON bodies on its REST client.
            RestClientTransport transport = (RestClientTransport) client._transport();
            Reporter reporter = new Reporter(new ReportQueries(new RestSearchClient(transport.restClient()), namespace),
                    new RegressionRules(Thresholds.DEFAULTS), clock);
            return reporter.report(period, comparePrevious);
        });
    }

    /** A {@link ReportJob.Source} that connects for each report (a scheduled job should not hold a connection for a week). */
    public static ReportJob.Source source(ConnectionOptions connection, String namespace, Clock clock) {
        return (period, comparePrevious) -> {
            try (Cluster cluster = Cluster.connect(connection)) {
                return compute(cluster, period, comparePrevious, namespace, clock);
            }
        };
    }

    private static void print(PrintStream out, Report report, List<Chart> charts, ReportSettings settings) {
        CallFigures calls = report.current().calls();
        out.println("mailtrail report: namespace " + report.namespace() + ", " + WHEN.format(report.current().period().from()) + " → "
                + WHEN.format(report.current().period().to()) + (report.previousPeriod().isPresent() ? ", compared with the period before" : ""));
        if (report.isEmpty()) {
            out.println("  no call and no delivery event in this period (check --namespace and --from/--to)");
        } else {
            out.println("  " + Format.count(calls.attempts()) + " attempts, " + Format.count(calls.sends()) + " logical sends, success of sends "
                    + Format.percent(calls.sendSuccessRate()) + ", p95 " + Format.millis(calls.latency().p95Ms()) + "; "
                    + (report.current().delivery().events() == 0 ? "no delivery events"
                    : Format.count(report.current().delivery().events()) + " delivery events, bounce rate "
                    + Format.percent(report.current().delivery().bounceRate())));
        }
        if (report.regressions().isEmpty()) {
            out.println(report.previousPeriod().isPresent() ? "  nothing notably worse" : "  no rate above its limit");
        } else {
            out.println("  notably worse (" + report.regressions().size() + "):");
            for (Regression r : report.regressions()) {
                out.println("    - " + r.text());
            }
        }
        out.println("written: " + settings.out() + " (" + charts.size() + " charts), summary " + settings.summaryFile());
    }
}
