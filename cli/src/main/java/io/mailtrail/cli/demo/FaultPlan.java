package io.mailtrail.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The demo's script of trouble over a run, and where in it the run is now. */
public final class FaultPlan {

    /**
     * A SendGrid outage first, long enough for the success-rate watch to fire on it (the watch is throttled
     * afterwards, so the outage must be the first thing to fail calls), then rate limiting at SES, then a Mailgun
     * latency spike. The end is calm.
     */
    public static final List<Fault> STANDARD = List.of(
            new Fault("sendgrid", Fault.Kind.OUTAGE, 0.15, 0.45, 1.0),
            new Fault("ses", Fault.Kind.RATE_LIMIT, 0.45, 0.65, 0.6),
            new Fault("mailgun", Fault.Kind.LATENCY, 0.65, 0.85, 0.8));

    private final List<Fault> faults;
    private final Instant start;
    private final Duration total;
    private final Clock clock;

    public FaultPlan(List<Fault> faults, Instant start, Duration total, Clock clock) {
        this.faults = List.copyOf(faults);
        this.start = start;
        this.total = total;
        this.clock = clock;
    }

    public List<Fault> faults() {
        return faults;
    }

    public Duration total() {
        return total;
    }

    /** Where the run is, 0..1 (1 and above once it is over). */
    public double progress() {
        return (double) Duration.between(start, clock.instant()).toMillis() / Math.max(1, total.toMillis());
    }

    /** The fault of this kind on this provider that is on now, if any. */
    public Optional<Fault> active(String provider, Fault.Kind kind) {
        double p = progress();
        return faults.stream().filter(f -> f.provider().equals(provider) && f.kind() == kind && f.activeAt(p)).findFirst();
    }

    /** The faults that are on now. */
    public List<Fault> activeNow() {
        double p = progress();
        return faults.stream().filter(f -> f.activeAt(p)).toList();
    }
}
