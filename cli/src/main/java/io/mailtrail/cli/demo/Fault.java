package io.mailtrail.cli.demo;

import java.time.Duration;

/**
 * One injected problem of the demo: what a provider does wrong, and when, as fractions of the run so that a
 * short run shows the same story as a long one.
 *
 * @param provider which simulated provider misbehaves
 * @param kind     what it does
 * @param from     start, as a fraction of the run (0..1)
 * @param to       end, as a fraction of the run (0..1)
 * @param share    the share of requests affected while it lasts (0..1)
 */
public record Fault(String provider, Kind kind, double from, double to, double share) {

    /** The kinds of trouble a provider simulator can make. */
    public enum Kind {
        /** Every affected request gets the provider's 503. */
        OUTAGE("outage (HTTP 503)"),
        /** Affected requests get the provider's 429 with {@code Retry-After: 1}. */
        RATE_LIMIT("rate limiting (HTTP 429, Retry-After: 1)"),
        /** Affected requests are answered {@link #SPIKE} later. */
        LATENCY("latency spike (+1.5 s)");

        /** The added latency of {@link #LATENCY}. */
        public static final Duration SPIKE = Duration.ofMillis(1500);

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Whether the fault is on at this point of the run (0..1). */
    public boolean activeAt(double progress) {
        return progress >= from && progress < to;
    }

    /** {@code sendgrid outage (HTTP 503) from 0:42 to 1:12} for a run of {@code total}. */
    public String describe(Duration total) {
        return provider + " " + kind.description() + (share < 1 ? String.format(java.util.Locale.ROOT, " on %.0f%% of requests", share * 100) : "")
                + " from " + clock(total, from) + " to " + clock(total, to);
    }

    private static String clock(Duration total, double fraction) {
        long s = Math.round(total.toSeconds() * fraction);
        return s / 60 + ":" + String.format(java.util.Locale.ROOT, "%02d", s % 60);
    }
}
