package io.mailtrail.benchmarks.support;

/** Benchmark knobs read from system properties ({@code -Dmailtrail.bench.<name>=...}), with their defaults. */
public final class Settings {

    private Settings() {
    }

    public static int intValue(String name, int defaultValue) {
        String v = System.getProperty("mailtrail.bench." + name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dmailtrail.bench." + name + "=" + v + " is not a whole number");
        }
    }

    /** A distinct, data-stream-safe tag per program run, so runs never share a data stream. */
    public static String runId() {
        return Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    }
}
