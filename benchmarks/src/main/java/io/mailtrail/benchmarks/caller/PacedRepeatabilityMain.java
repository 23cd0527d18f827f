package io.mailtrail.benchmarks.caller;

import io.mailtrail.benchmarks.support.Percentiles;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.Settings;

/**
 * How far the paced 1-thread p99 moves by itself: the paced run of {@link CallerCostMain} repeated
 * {@code rounds} times in one JVM, alternating Logback's NOPAppender, the Elasticsearch appender with
 * Elasticsearch down (its queue full: the drop path), and NOPAppender while a down appender's threads exist
 * in the same JVM, its queue full and its batches retrying (their timers and retries, no calls to it). Needs
 * no node. Not part of {@code run.sh}:
 * <pre>java -Xms1g -Xmx1g -cp "$CP" io.mailtrail.benchmarks.caller.PacedRepeatabilityMain</pre>
 * Knobs: {@code rounds} (default 3), {@code pacedRate}, {@code pacedWarmupSeconds}, {@code pacedMeasureSeconds}
 * as for the paced run.
 */
public final class PacedRepeatabilityMain {

    private PacedRepeatabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        Results results = new Results("caller-cost-paced-repeatability");
        int rounds = Settings.intValue("rounds", 3);
        int rate = Settings.intValue("pacedRate", 5_000);
        int warmup = Settings.intValue("pacedWarmupSeconds", 2);
        int measure = Settings.intValue("pacedMeasureSeconds", 5);
        String[] variants = {"nop", "elasticsearch-down", "nop, idle down appender alongside"};
        for (int round = 1; round <= rounds; round++) {
            for (String variant : variants) {
                Sink.Attached idle = variant.startsWith("nop,") ? Sink.ELASTICSEARCH_DOWN.attach(null, "benchrepeat") : null;
                Sink.Attached measured = (variant.equals("elasticsearch-down") ? Sink.ELASTICSEARCH_DOWN : Sink.NOP)
                        .attach(null, "benchrepeat");
                if (idle != null) {
                    // its queue full and its batches retrying, as in the elasticsearch-down row
                    for (int i = 0; i < 20_000; i++) {
                        idle.logger().info("filling the idle appender {}", i);
                    }
                }
                try {
                    Percentiles p = new PacedCallerCost(1, rate, warmup, measure).run(measured).latencies();
                    results.info("round " + round + " " + variant + " 1T p50/p99/p99.9",
                            Results.us(p.at(50)) + " / " + Results.us(p.at(99)) + " / " + Results.us(p.at(99.9)));
                } finally {
                    measured.close();
                    if (idle != null) {
                        idle.close();
                    }
                }
            }
        }
        System.exit(0);
    }
}
