package io.mailtrail.cli.demo;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.cli.live.CallFilter;
import io.mailtrail.cli.live.CallStats;
import io.mailtrail.cli.live.Durations;
import io.mailtrail.cli.live.Screen;
import io.mailtrail.cli.live.Searches;
import io.mailtrail.cli.live.StatsTable;
import io.mailtrail.cli.report.ReportCommand;
import io.mailtrail.cli.setup.SetupCommand;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import io.mailtrail.tracker.privacy.PrivacyPolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mailtrail demo}: mailtrail's whole job in one command. Starts (or reuses) Elasticsearch, installs the
 * templates with {@code setup}, runs a simulated application whose providers fail on a script, shows the live
 * view, and ends with a summary read from Elasticsearch and where to look next.
 */
public final class DemoCommand implements Command {

    static final Duration DEFAULT_DURATION = Duration.ofMinutes(2);
    static final int DEFAULT_RATE = 10;
    static final String DEFAULT_NAMESPACE = "demo";
    /** The window the live view counts sends per minute over. */
    static final Duration LIVE_WINDOW = Duration.ofMinutes(1);

    private final Clock clock;

    public DemoCommand() {
        this(Clock.systemUTC());
    }

    DemoCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the whole job in one command: node, setup, a simulated application with injected faults, live view, summary";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>();
        options.add(Option.valued("duration", "DURATION", "how long the application sends, e.g. 30s (default 2m)"));
        options.add(Option.valued("rate", "N", "emails the application sends per second (default " + DEFAULT_RATE + ")"));
        options.add(Option.valued("namespace", "NAME", "data stream namespace of the demo's events (default " + DEFAULT_NAMESPACE + ")"));
        options.add(Option.flag("keep-running", "after the summary, keep Elasticsearch and the live view up until Ctrl-C"));
        options.add(Option.valued("refresh", "DURATION", "time between live view refreshes (default 2s on a terminal, 10s otherwise)"));
        options.add(Option.flag("plain", "print the live view as plain lines, also on a terminal"));
        options.add(Option.valued("kibana-url", "URL", "also import the dashboards into this Kibana (setup's dashboards step)"));
        options.addAll(ConnectionOptions.OPTIONS.stream().map(o -> o.name().equals("es-url")
                ? Option.valued("es-url", "URL", "use this cluster instead of starting a node (the demo never starts nor stops it)")
                : o).toList());
        return options;
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        Duration duration = arguments.value("duration").map(v -> Durations.parse("duration", v)).orElse(DEFAULT_DURATION);
        int rate = arguments.value("rate").map(v -> Durations.positive("rate", v)).orElse(DEFAULT_RATE);
        if (rate > 1000) {
            throw CliException.usage("--rate " + rate + ": at most 1000 emails per second");
        }
        String namespace = arguments.value("namespace").orElse(DEFAULT_NAMESPACE);
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--namespace: " + e.getMessage());
        }
        boolean reuse = arguments.value("es-url").isPresent();
        ConnectionOptions given = reuse ? ConnectionOptions.from(arguments, console) : null;
        boolean ansi = !arguments.flag("plain") && console.out() == System.out && Screen.terminal(console.env());
        Duration refresh = arguments.value("refresh").map(v -> Durations.parse("refresh", v))
                .orElse(ansi ? Duration.ofSeconds(2) : Duration.ofSeconds(10));
        Path workDir = workDir();

        try (Resources resources = new Resources(console.err())) {
            return run(arguments, console, resources, duration, rate, namespace, given, ansi, refresh, workDir);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "the demo could not open a local server: " + e.getMessage(), e);
        }
    }

    private ExitCode run(Arguments arguments, Console console, Resources resources, Duration duration, int rate, String namespace,
                         ConnectionOptions given, boolean ansi, Duration refresh, Path workDir) throws IOException {
        PrintStream out = console.out();
        boolean reuse = given != null;
        DemoLogging.quietTheRest(workDir.resolve("demo.log"));
        {
            out.println("mailtrail demo: a simulated application sends email for " + Durations.format(duration) + " at " + rate
                    + "/s through the real tracker and appender; its providers fail on a script. Ctrl-C stops everything.");
            ConnectionOptions es;
            if (reuse) {
                es = given;
                out.println("Elasticsearch: " + es.url() + " (yours: the demo neither starts nor stops it)");
            } else {
                out.println("Elasticsearch: starting a local node (the one the tests use, from ~/.m2; about 20-60 s)...");
                es = DemoNode.start(resources, console.env(), workDir);
                out.println("Elasticsearch: " + es.url() + " (stops when the demo ends)");
            }
            setup(arguments, es, namespace, console);

            Cluster cluster = Cluster.connect(es);
            resources.add("the Elasticsearch client", cluster::close);
            Searches searches = new Searches(cluster);
            MailServer mail = resources.add("the SMTP server", new MailServer());
            DemoLogging logging = resources.add("the appender", new DemoLogging(es, namespace, workDir));
            PrivacyPolicy privacy = PrivacyPolicy.builder().hmacKey(HexFormat.of().formatHex(SecureRandom.getSeed(16))).build();
            Webhooks webhooks = resources.add("the webhooks", new Webhooks(DeliveryEventLogger.builder().privacy(privacy)
                    .serviceName("mail-webhooks").loggerFactory(logging.loggerFactory()).build(), 0.3));
            Instant start = clock.instant();
            FaultPlan plan = new FaultPlan(FaultPlan.STANDARD, start, duration, clock);
            Map<String, java.net.URI> endpoints = new LinkedHashMap<>();
            for (String provider : List.of("sendgrid", "ses", "mailgun")) {
                ProviderSimulator simulator = resources.add(provider + " simulator", new ProviderSimulator(provider, plan,
                        "sendgrid".equals(provider) ? webhooks::accepted : (id, body) -> { }));
                endpoints.put(provider, simulator.sendUri());
            }
            DemoAlerts alerts = resources.add("the alert engine", new EngineAlerts(
                    ((co.elastic.clients.transport.rest_client.RestClientTransport) cluster.client()._transport()).restClient(),
                    mail.port(), namespace, clock));
            SimulatedApplication app = new SimulatedApplication(logging.loggerFactory(), privacy, endpoints, mail.port(), mail.rejectingPort());
            resources.add("the simulated application", app);

            out.println("application: services " + String.join(", ", SimulatedApplication.SERVICES.stream().map(SimulatedApplication.Service::name).toList())
                    + " via sendgrid, ses, mailgun (local simulators) and smtp (GreenMail on port " + mail.port() + "); retries: "
                    + SimulatedApplication.RETRIES.maxAttempts() + " attempts, Retry-After honoured");
            out.println("injected faults:");
            plan.faults().forEach(f -> out.println("  " + f.describe(duration)));
            out.println("  rejected recipients: one message in 25 of each provider (the 3rd, 28th, ...) goes to an address that does not exist:"
                    + " over SMTP the server answers RCPT with 550 5.1.1, SendGrid reports a hard bounce on its event webhook"
                    + " (which also reports 30% of its other messages as delivered)");
            out.println(alerts.description());
            out.println();

            app.start(rate);
            LiveView live = new LiveView(new Screen(out, ansi, clock), new CallStats(searches, new CallFilter(namespace, null, null)),
                    plan, app, mail, es, namespace, clock);
            while (!resources.closed() && !Thread.currentThread().isInterrupted() && Duration.between(start, clock.instant()).compareTo(duration) < 0) {
                live.draw(start);
                sleep(Duration.between(clock.instant(), start.plus(duration)).compareTo(refresh) < 0
                        ? Duration.between(clock.instant(), start.plus(duration)) : refresh);
            }
            resources.stop(app);
            out.println("the application stopped after " + app.sends() + " sends" + (app.skipped() > 0
                    ? " (" + app.skipped() + " not made while every sender was busy)" : "")
                    + "; delivering the last events to Elasticsearch...");
            resources.stop(webhooks);
            if (!drain(logging, out)) {
                out.println("  Elasticsearch did not confirm every event within 2 minutes; the summary counts what it has");
            }
            resources.stop(logging);
            // the watches look back from their schedule: one more round sees the last events
            out.println("  letting the alert engine look at the last events (" + alerts.lastRound().toSeconds() + " s)...");
            sleep(alerts.lastRound());
            live.draw(start);

            MetricsSnapshot shipped = logging.metrics();
            DemoSummary summary = DemoSummary.read(searches, namespace);
            out.println();
            out.println("summary, read from Elasticsearch (" + Dataset.CALLS.dataStream(namespace) + ", " + Dataset.DELIVERY.dataStream(namespace) + "):");
            summary.lines().forEach(out::println);
            long delivered = summary.deliveryByStatus().values().stream().mapToLong(Long::longValue).sum();
            out.println("  events: " + (summary.totalAttempts() + delivered) + " in Elasticsearch; the appender took " + shipped.appended()
                    + ", delivered " + shipped.sent() + ", dropped " + shipped.dropped() + ", failed " + shipped.failed());
            if (shipped.dropped() + shipped.failed() > 0) {
                out.println("  the appender said: " + logging.problems());
            }
            Ending.print(out, alerts, mail, es, namespace, reuse, report(es, namespace, start, console));
            if (arguments.flag("keep-running")) {
                out.println();
                out.println("--keep-running: Elasticsearch stays at " + es.url() + " with the live view below; Ctrl-C stops everything.");
                while (!resources.closed() && !Thread.currentThread().isInterrupted()) {
                    live.draw(start);
                    sleep(refresh);
                }
            }
            deleteQuietly(workDir);
            return ExitCode.OK;
        }
    }

    private static void setup(Arguments arguments, ConnectionOptions es, String namespace, Console console) {
        List<String> args = new ArrayList<>(List.of("--es-url", es.url().toString(), "--namespace", namespace));
        for (String option : List.of("es-user", "es-password", "es-ca")) {
            arguments.value(option).ifPresent(v -> {
                args.add("--" + option);
                args.add(v);
            });
        }
        SetupCommand setup = new SetupCommand();
        if (arguments.value("kibana-url").isPresent()) {
            if (!Ending.dashboardsPackaged()) {
                throw CliException.usage("--kibana-url: this build's setup has no dashboards step yet (kibana-dashboards/ arrives with its issue)");
            }
            args.add("--kibana-url");
            args.add(arguments.value("kibana-url").get());
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream captured = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ExitCode code;
        try {
            code = setup.run(Arguments.parse("setup", args, setup.options()), new Console(captured, captured, console.env()));
        } catch (CliException e) {
            console.err().print(buffer.toString(StandardCharsets.UTF_8));
            throw new CliException(e.exitCode(), "setup failed: " + e.getMessage(), e);
        }
        String report = buffer.toString(StandardCharsets.UTF_8);
        if (code != ExitCode.OK) {
            console.err().print(report);
            throw new CliException(code, "setup failed (its report is above)");
        }
        String last = report.lines().reduce((a, b) -> b).orElse("done");
        console.out().println("setup: index templates installed for namespace " + namespace + " (" + last + ")");
    }

    /**
     * {@code mailtrail report} on the run (in-process), written next to the system temp folder's other files so it
     * outlives the demo; returns its path, or why there is none.
     */
    private static String report(ConnectionOptions es, String namespace, Instant start, Console console) {
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "mailtrail-demo-report.html");
        List<String> args = new ArrayList<>(List.of("--es-url", es.url().toString(), "--namespace", namespace,
                "--from", start.minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "--to", "now", "--out", out.toString()));
        ReportCommand report = new ReportCommand();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream captured = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try {
            ExitCode code = report.run(Arguments.parse("report", args, report.options()), new Console(captured, captured, console.env()));
            return code == ExitCode.OK ? out + " (mailtrail report of the run: open it in a browser)"
                    : "mailtrail report failed: " + buffer.toString(StandardCharsets.UTF_8).strip();
        } catch (CliException e) {
            return "mailtrail report failed: " + e.getMessage();
        }
    }

    private static boolean drain(DemoLogging logging, PrintStream out) {
        try {
            return logging.drain(Duration.ofMinutes(2), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path workDir() {
        try {
            return Files.createTempDirectory("mailtrail-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder
        }
    }

    private static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
