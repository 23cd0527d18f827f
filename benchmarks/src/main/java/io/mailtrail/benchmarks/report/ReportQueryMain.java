package io.mailtrail.benchmarks.report;

import io.mailtrail.benchmarks.support.CallEventLoader;
import io.mailtrail.benchmarks.support.Cluster;
import io.mailtrail.benchmarks.support.Results;
import io.mailtrail.benchmarks.support.Settings;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.Reporter;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.chart.ReportCharts;
import io.mailtrail.reports.compare.RegressionRules;
import io.mailtrail.reports.compare.Thresholds;
import io.mailtrail.reports.query.ReportQueries;
import io.mailtrail.reports.query.RestSearchClient;
import io.mailtrail.reports.render.HtmlReport;
import io.mailtrail.reports.render.ImageSource;
import io.mailtrail.reports.render.SummaryJson;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long {@code mailtrail report} takes on a large dataset: bulk-loads N call events (default 1 000 000,
 * {@code -Dmailtrail.bench.reportEvents}) spread over 14 days into {@code logs-mailtrail.calls-bench} (made by
 * {@code mailtrail setup}), then times the report of the last 7 days compared with the 7 before (every event
 * aggregated, 4 searches), 5 times, each on a period shifted by a minute so that no answer comes from the
 * request cache. Prints the figures; asserts nothing about time.
 */
public final class ReportQueryMain {

    private static final String NAMESPACE = "bench";

    public static void main(String[] args) throws Exception {
        int events = Settings.intValue("reportEvents", 1_000_000);
        // -Dmailtrail.bench.reportDays=30 -Dmailtrail.bench.reportCompare=false: a month of N events, no month before
        int days = Settings.intValue("reportDays", 7);
        boolean compare = Boolean.parseBoolean(System.getProperty("mailtrail.bench.reportCompare", "true"));
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        Results results = new Results("report");
        try (Cluster cluster = Cluster.start()) {
            cluster.installMailtrailTemplates();
            // A loaded machine answers a 5 000-document _bulk slower than the client's default 30 s socket timeout.
            RestClient client = RestClient.builder(HttpHost.create(cluster.url()))
                    .setRequestConfigCallback(r -> r.setConnectTimeout(30_000).setSocketTimeout(600_000)).build();
            long loadStart = System.nanoTime();
            CallEventLoader.load(client, NAMESPACE, events, now.minus(Duration.ofDays(compare ? 2L * days : days)), now);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            results.info("events loaded", events + " in " + Results.f1(loadSeconds) + " s");

            Reporter reporter = new Reporter(new ReportQueries(new RestSearchClient(client), NAMESPACE),
                    new RegressionRules(Thresholds.DEFAULTS), Clock.fixed(now, ZoneOffset.UTC));
            List<Double> queryMs = new ArrayList<>();
            List<Double> renderMs = new ArrayList<>();
            Report last = null;
            for (int run = 0; run < 5; run++) {
                Instant to = now.minus(Duration.ofMinutes(run));
                long t0 = System.nanoTime();
                last = reporter.report(new ReportPeriod(to.minus(Duration.ofDays(days)), to), compare);
                long t1 = System.nanoTime();
                List<Chart> charts = new ReportCharts().charts(last);
                new HtmlReport().render(last, charts, ImageSource.DATA_URI);
                new SummaryJson().render(last);
                long t2 = System.nanoTime();
                queryMs.add((t1 - t0) / 1e6);
                renderMs.add((t2 - t1) / 1e6);
                System.out.printf("run %d: aggregations %.0f ms, charts+HTML+JSON %.0f ms (%d + %d attempts)%n", run + 1, (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6, last.current().calls().attempts(), last.previousPeriod().map(p -> p.calls().attempts()).orElse(0L));
            }
            String what = "report " + days + "d" + (compare ? " + previous " + days + "d" : "");
            results.info(what + ", aggregations (median of 5, ms)", Results.f1(median(queryMs)));
            results.info(what + ", aggregations (slowest of 5, ms)", Results.f1(Collections.max(queryMs)));
            results.info("charts + HTML + JSON (median of 5, ms)", Results.f1(median(renderMs)));
            results.info("events aggregated per report", Long.toString(last.current().calls().attempts()
                    + last.previousPeriod().map(p -> p.calls().attempts()).orElse(0L)));
            client.close();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
