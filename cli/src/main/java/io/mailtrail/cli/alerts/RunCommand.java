package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.engine.AlertEngine;
import io.mailtrail.alerts.mail.SmtpMailSender;
import io.mailtrail.alerts.mail.SmtpSecurity;
import io.mailtrail.alerts.mail.SmtpSettings;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.Cluster;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code alerts run}: runs the watches on their schedules, sends their emails over SMTP, honours throttle
 * periods and records every execution in {@code logs-mailtrail.alerts-<namespace>}. Ctrl-C / SIGTERM stop it
 * cleanly (the lease is given up).
 */
final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the watches on their schedules and send their emails over SMTP (MAILTRAIL_SMTP_* or --smtp-*); Ctrl-C stops";
    }

    @Override
    public List<Option> options() {
        List<Option> o = new ArrayList<>(ConnectionOptions.OPTIONS);
        o.addAll(WatchSource.OPTIONS);
        o.addAll(RunReport.OPTIONS);
        o.add(Option.valued("namespace", "NAME", "namespace of the history data stream logs-mailtrail.alerts-<NAME> and of the lease (default " + Dataset.DEFAULT_NAMESPACE + ")"));
        o.add(Option.valued("smtp-host", "HOST", "SMTP server (default: MAILTRAIL_SMTP_HOST)"));
        o.add(Option.valued("smtp-port", "PORT", "SMTP port (default: MAILTRAIL_SMTP_PORT, else 25/587/465 by security)"));
        o.add(Option.valued("smtp-security", "none|starttls|tls", "transport security (default: MAILTRAIL_SMTP_SECURITY, else starttls)"));
        o.add(Option.valued("smtp-user", "USER", "SMTP user (default: MAILTRAIL_SMTP_USER); the password only from MAILTRAIL_SMTP_PASSWORD"));
        o.add(Option.valued("smtp-from", "ADDRESS", "sender address (default: MAILTRAIL_SMTP_FROM)"));
        o.add(Option.valued("tick", "DURATION", "how often schedules are checked (default 1s; Watcher ticks every 500ms)"));
        o.add(Option.valued("stop-after", "DURATION", "stop by itself after this long (for demos and tests; default: run until stopped)"));
        return o;
    }

    @Override
    public ExitCode run(Arguments args, Console console) {
        String namespace = args.value("namespace").orElse(Dataset.DEFAULT_NAMESPACE);
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--namespace: " + e.getMessage());
        }
        SmtpSettings smtp = smtp(args, console);
        Duration tick = args.value("tick").map(v -> AlertsEnvironment.duration("tick", v)).orElse(Duration.ofSeconds(1));
        Instant stopAt = args.value("stop-after").map(v -> Instant.now().plus(AlertsEnvironment.duration("stop-after", v))).orElse(Instant.MAX);
        List<String> problems = new ArrayList<>();
        List<Watch> watches = WatchSource.parse(WatchSource.read(args, problems), problems);
        problems.forEach(p -> console.err().println("mailtrail: " + p + " (this watch does not run)"));
        if (watches.isEmpty()) {
            throw new CliException(ExitCode.FAILED, "no watch to run");
        }
        ConnectionOptions connection = ConnectionOptions.from(args, console);
        Consumer<String> log = line -> console.err().println(DateTimeFormatter.ISO_INSTANT.format(Instant.now()) + " " + line);
        SmtpMailSender mail = new SmtpMailSender(smtp);
        Optional<RunReport> report = RunReport.from(args, connection, mail, Clock.systemUTC(), log);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.set(false);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailtrail-alerts-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Cluster cluster = Cluster.connect(connection)) {
            AlertEngine engine = new AlertEngine(watches, AlertsEnvironment.client(cluster), mail, namespace, owner(), Clock.systemUTC(), log);
            console.out().println("mailtrail alerts run: " + watches.size() + " watches, history in logs-mailtrail.alerts-" + namespace
                    + ", mail via " + smtp.address() + " (" + smtp.security().name().toLowerCase(java.util.Locale.ROOT) + ")");
            report.flatMap(RunReport::next).ifPresent(t -> console.out().println("mailtrail alerts run: the report goes out next at " + t));
            engine.run(tick, () -> running.get() && Instant.now().isBefore(stopAt),
                    now -> report.ifPresent(r -> r.tick(now, engine.holdsLease())));
            console.out().println("mailtrail alerts run: stopped");
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } finally {
            report.ifPresent(RunReport::close);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private static SmtpSettings smtp(Arguments args, Console console) {
        Map<String, String> env = new HashMap<>(console.env());
        args.value("smtp-host").ifPresent(v -> env.put("MAILTRAIL_SMTP_HOST", v));
        args.value("smtp-port").ifPresent(v -> env.put("MAILTRAIL_SMTP_PORT", v));
        args.value("smtp-security").ifPresent(v -> env.put("MAILTRAIL_SMTP_SECURITY", v));
        args.value("smtp-user").ifPresent(v -> env.put("MAILTRAIL_SMTP_USER", v));
        args.value("smtp-from").ifPresent(v -> env.put("MAILTRAIL_SMTP_FROM", v));
        try {
            SmtpSecurity.parse("smtp-security", env.getOrDefault("MAILTRAIL_SMTP_SECURITY", "starttls"));
            return SmtpSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replace("MAILTRAIL_SMTP_HOST: required", "--smtp-host (or MAILTRAIL_SMTP_HOST): required")
                    .replace("MAILTRAIL_SMTP_FROM: required", "--smtp-from (or MAILTRAIL_SMTP_FROM): required"));
        }
    }

    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
