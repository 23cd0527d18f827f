package io.mailtrail.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Rows of the summary table that {@code run.sh} prints: benchmark, measure, value, target, verdict. Each row
 * is printed and appended (tab-separated) to {@code <mailtrail.bench.results>/<benchmark>.tsv}.
 */
public final class Results {

    /** Folder of the result files; run.sh sets it, default {@code target/bench-results}. */
    public static final String DIRECTORY_PROPERTY = "mailtrail.bench.results";

    private final String benchmark;
    private final Path file;

    public Results(String benchmark) {
        this.benchmark = benchmark;
        Path dir = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/bench-results"));
        this.file = dir.resolve(benchmark + ".tsv");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A measured figure with its target; verdict is "ok", "MISSED" or "-" (no target). */
    public void row(String measure, String value, String target, Boolean met) {
        String verdict = met == null ? "-" : met ? "ok" : "MISSED";
        String line = String.join("\t", benchmark, measure, value, target == null ? "-" : target, verdict);
        System.out.println("RESULT " + line.replace('\t', '|'));
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A figure without a target. */
    public void info(String measure, String value) {
        row(measure, value, null, null);
    }

    public static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Nanoseconds as microseconds with 2 decimals. */
    public static String us(double nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1000.0);
    }
}
