package io.mailtrail.alerts.engine;

import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.execution.TriggerEvent;
import io.mailtrail.alerts.execution.WatchExecutor;
import io.mailtrail.alerts.history.HistoryStore;
import io.mailtrail.alerts.history.Lease;
import io.mailtrail.alerts.mail.MailSender;
import io.mailtrail.alerts.schedule.TriggerSimulation;
import io.mailtrail.alerts.throttle.Throttler;
import io.mailtrail.alerts.throttle.WatchStatus;
import io.mailtrail.alerts.watch.ActionDefinition;
import io.mailtrail.alerts.watch.Watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code alerts run}: ticks like Watcher's ticker engine, runs each watch when its schedule is due (holding
 * the cluster lease), sends emails, and records every execution in the history. A cluster or SMTP outage is
 * logged and retried on the next due time, never a crash.
 */
public final class AlertEngine {

    private final List<Watch> watches;
    private final ClusterClient cluster;
    private final HistoryStore history;
    private final Lease lease;
    private final WatchExecutor executor;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, TriggerSimulation> triggers = new LinkedHashMap<>();
    private final Map<String, WatchStatus> statuses = new LinkedHashMap<>();
    private Boolean holding;
    private String lastProblem;

    public AlertEngine(List<Watch> watches, ClusterClient cluster, MailSender mail, String namespace, String owner,
                       Clock clock, Consumer<String> log) {
        this.watches = List.copyOf(watches);
        this.cluster = cluster;
        this.history = new HistoryStore(cluster, namespace);
        this.lease = new Lease(cluster, namespace, owner, Duration.ofSeconds(30));
        this.executor = new WatchExecutor(cluster, mail, Throttler.DEFAULT_PERIOD, log);
        this.clock = clock;
        this.log = log;
    }

    /** Runs ticks every {@code tick} until {@code keepRunning} says stop; then gives the lease up. */
    public void run(Duration tick, java.util.function.BooleanSupplier keepRunning) throws InterruptedException {
        run(tick, keepRunning, now -> { });
    }

    /**
     * As {@link #run(Duration, java.util.function.BooleanSupplier)}, and after each tick calls {@code afterTick}
     * with the time: work that must happen once per cluster, like the watches (a scheduled report), asks
     * {@link #holdsLease()} whether this engine is the one. It must not block.
     */
    public void run(Duration tick, java.util.function.BooleanSupplier keepRunning, Consumer<Instant> afterTick)
            throws InterruptedException {
        try {
            while (keepRunning.getAsBoolean()) {
                tick();
                afterTick.accept(clock.instant());
                Thread.sleep(tick.toMillis());
            }
        } finally {
            if (Boolean.TRUE.equals(holding)) {
                lease.release();
            }
        }
    }

    /** One tick: take/renew the lease, start watches not started yet, run those that are due. */
    public List<ExecutionResult> tick() {
        Instant now = clock.instant();
        try {
            boolean held = lease.acquire(now);
            if (holding == null || held != holding) {
                log.accept(held ? "holding the lease (" + lease.owner() + "): running " + watches.size() + " watches"
                        : "another engine holds the lease: standing by");
                holding = held;
                if (!held) {
                    triggers.clear(); // re-read the state from the history when taking over
                    statuses.clear();
                }
            }
            if (!held) {
                return List.of();
            }
            List<ExecutionResult> results = new java.util.ArrayList<>();
            for (Watch w : watches) {
                TriggerSimulation trigger = triggers.computeIfAbsent(w.id(), id -> start(w, now));
                Optional<TriggerSimulation.Event> event = trigger.tick(now);
                if (event.isEmpty()) {
                    continue;
                }
                WatchStatus status = statuses.get(w.id());
                ExecutionResult r = executor.execute(w, new TriggerEvent(event.get().scheduledTime(), event.get().triggeredTime()),
                        now, status, clock);
                history.record(r, status);
                results.add(r);
                log.accept(line(r));
            }
            if (lastProblem != null) {
                log.accept("the cluster answers again");
                lastProblem = null;
            }
            return results;
        } catch (ClusterException e) {
            if (!e.getMessage().equals(lastProblem)) {
                log.accept("cluster: " + e.getMessage() + " (retrying every tick)");
                lastProblem = e.getMessage();
            }
            return List.of();
        }
    }

    private TriggerSimulation start(Watch w, Instant now) {
        List<String> ids = w.actions().stream().map(ActionDefinition::id).toList();
        WatchStatus status = history.restore(w.id(), ids).orElseGet(() -> new WatchStatus(ids));
        statuses.put(w.id(), status);
        // As Watcher: an interval counts from the last check (restored from the history), else from now.
        Instant start = status.lastChecked().filter(t -> t.isBefore(now)).orElse(now);
        return new TriggerSimulation(w.schedule(), start);
    }

    private static String line(ExecutionResult r) {
        StringBuilder s = new StringBuilder(r.watchId()).append(" @ ").append(r.trigger().scheduledTime()).append(": ").append(r.state());
        r.actions().forEach(a -> s.append(", ").append(a.id()).append(' ').append(a.outcome() == null ? "rendered" : a.outcome().id())
                .append(a.error() == null ? "" : " (" + a.error() + ")"));
        if (r.error() != null) {
            s.append(": ").append(r.error());
        }
        return s.toString();
    }

    /** Whether the last tick took or renewed the lease. */
    public boolean holdsLease() {
        return Boolean.TRUE.equals(holding);
    }

    public Map<String, WatchStatus> statuses() {
        return statuses;
    }
}
