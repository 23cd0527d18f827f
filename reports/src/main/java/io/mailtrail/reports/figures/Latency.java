package io.mailtrail.reports.figures;

/**
 * Latency percentiles in milliseconds ({@code event.duration} is in nanoseconds; converted once, here).
 * A value is null when there was no attempt to measure.
 */
public record Latency(Double p50Ms, Double p95Ms, Double p99Ms) {

    public static final Latency NONE = new Latency(null, null, null);

    /** The percentile named {@code p50}, {@code p95} or {@code p99}. */
    public Double get(String percentile) {
        return switch (percentile) {
            case "p50" -> p50Ms;
            case "p95" -> p95Ms;
            case "p99" -> p99Ms;
            default -> throw new IllegalArgumentException("no percentile " + percentile);
        };
    }
}
