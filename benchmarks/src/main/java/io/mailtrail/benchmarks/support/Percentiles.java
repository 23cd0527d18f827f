package io.mailtrail.benchmarks.support;

import java.util.Arrays;

/** Percentiles of a sample of latencies, by sorting it (the sample is bounded, so no histogram is needed). */
public final class Percentiles {

    private final long[] sorted;

    /** @param samples the first {@code count} entries are used; the array is not modified */
    public Percentiles(long[] samples, int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, e.g. {@code at(99.9)}; 0 for an empty sample. */
    public long at(double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
