package io.mailtrail.cli.demo;

import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.cli.live.CallStats;
import io.mailtrail.cli.live.Durations;
import io.mailtrail.cli.live.Screen;
import io.mailtrail.cli.live.StatsTable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The demo's live view: where the run is, the faults on now, the per-provider table of {@code top}, the alerts. */
final class LiveView {

    private final Screen screen;
    private final CallStats stats;
    private final FaultPlan plan;
    private final SimulatedApplication app;
    private final MailServer mail;
    private final ConnectionOptions es;
    private final String namespace;
    private final Clock clock;

    LiveView(Screen screen, CallStats stats, FaultPlan plan, SimulatedApplication app, MailServer mail, ConnectionOptions es,
             String namespace, Clock clock) {
        this.screen = screen;
        this.stats = stats;
        this.plan = plan;
        this.app = app;
        this.mail = mail;
        this.es = es;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** Draws one frame; a cluster that can't be reached is one line, and the next frame tries again. */
    void draw(Instant start) {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(start, now);
        List<String> lines = new ArrayList<>();
        lines.add("mailtrail demo " + clock(elapsed) + " of " + clock(plan.total()) + " | namespace " + namespace + " | " + es.url()
                + " | " + app.sends() + " sends made");
        List<Fault> active = plan.activeNow();
        lines.add("faults now: " + (active.isEmpty() ? "none" : String.join("; ", active.stream().map(f -> f.describe(plan.total())).toList())));
        Instant from = start.isAfter(now.minus(DemoCommand.LIVE_WINDOW)) ? start : now.minus(DemoCommand.LIVE_WINDOW);
        lines.add("last " + Durations.format(Duration.between(from, now).withNanos(0)) + ", from Elasticsearch:");
        try {
            lines.addAll(StatsTable.lines(stats.since(from, now)));
        } catch (CliException e) {
            if (e.exitCode() != ExitCode.UNREACHABLE) {
                throw e;
            }
            lines.add("(Elasticsearch not reachable just now: " + e.getMessage() + " Trying again at the next refresh.)");
        }
        List<String> fired = mail.receivedBy(Ending.ON_CALL).stream().map(AlertMails::subject).toList();
        lines.add("alert emails so far: " + fired.size() + (fired.isEmpty() ? "" : ", latest: " + fired.get(fired.size() - 1)));
        screen.frame(lines);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s / 60 + ":" + String.format(java.util.Locale.ROOT, "%02d", s % 60);
    }
}
