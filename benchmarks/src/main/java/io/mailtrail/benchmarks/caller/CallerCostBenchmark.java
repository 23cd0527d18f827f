package io.mailtrail.benchmarks.caller;

import io.mailtrail.benchmarks.support.SampleEvents;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The time a {@code logger.info} call (message with 2 arguments + 2 key-value pairs) takes on the calling
 * thread, per sink, as fast as the benchmark threads can call. At this speed the appender's queue is full
 * almost all the time, so for the Elasticsearch sinks this mostly measures the drop path; {@link PacedCallerCost}
 * measures calls whose events are all shipped. Run by {@link CallerCostMain}, which passes the node's URL.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CallerCostBenchmark {

    /** File (in the results folder) where each trial writes the appender's counters at its end. */
    public static final String COUNTERS_FILE = "caller-cost-jmh-counters.txt";

    @Param({"nop", "elasticsearch", "elasticsearch-down"})
    public String sink;

    private Sink.Attached attached;

    /** Per benchmark thread, so the arguments vary without shared writes. */
    @State(Scope.Thread)
    public static class Sequence {
        long next;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        attached = Sink.of(sink).attach(System.getProperty("mailtrail.bench.url"),
                System.getProperty("mailtrail.bench.dataset", "benchcaller"));
    }

    @Benchmark
    public void info(Sequence s) {
        SampleEvents.log(attached.logger(), s.next++);
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws IOException {
        MetricsSnapshot before = attached.metrics();
        attached.close();
        if (before == null) {
            return;
        }
        MetricsSnapshot after = attached.metrics();
        String results = System.getProperty("mailtrail.bench.results", "target/bench-results");
        Files.writeString(Path.of(results, COUNTERS_FILE),
                sink + " " + params.getThreads() + " " + after.appended() + " " + after.dropped() + " " + after.sent()
                        + " " + before.dropped() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
