package io.mailtrail.cli.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The live view's table: one line per provider, and a total. */
public final class StatsTable {

    private StatsTable() {
    }

    public static List<String> lines(List<ProviderStats> rows) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-10s %10s %8s %9s %8s %9s %8s", "provider", "sends/min", "success", "p95 ms", "retries",
                "attempts", "failed"));
        long attempts = 0;
        long sends = 0;
        long ok = 0;
        long retries = 0;
        long failed = 0;
        double perMinute = 0;
        for (ProviderStats r : rows) {
            out.add(row(r.provider(), r.perMinute(), r.successRate(), r.p95Millis(), r.retries(), r.attempts(), r.failedAttempts()));
            attempts += r.attempts();
            sends += r.sends();
            ok += r.successfulSends();
            retries += r.retries();
            failed += r.failedAttempts();
            perMinute += r.perMinute();
        }
        if (rows.isEmpty()) {
            out.add("(no call events yet)");
        } else {
            out.add(row("all", perMinute, sends == 0 ? Double.NaN : (double) ok / sends, Double.NaN, retries, attempts, failed));
        }
        return out;
    }

    private static String row(String name, double perMinute, double success, double p95, long retries, long attempts, long failed) {
        return String.format(Locale.ROOT, "%-10s %10.1f %8s %9s %8d %9d %8d", name, perMinute,
                Double.isNaN(success) ? "-" : String.format(Locale.ROOT, "%.1f%%", success * 100),
                Double.isNaN(p95) ? "-" : String.format(Locale.ROOT, "%.0f", p95), retries, attempts, failed);
    }
}
