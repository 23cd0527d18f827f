package io.mailtrail.reports.chart;

import io.mailtrail.reports.Report;
import io.mailtrail.reports.figures.CallFigures;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.figures.ProviderFigures;
import io.mailtrail.reports.figures.TimeBucket;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Draws the report's charts with JFreeChart, headless, to PNG. The previous period, when there is one, is
 * drawn shifted onto this period's time axis as a dashed grey line, so week over week reads at a glance.
 */
public final class ReportCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    private static final Paint[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color PREVIOUS = new Color(0x999999);

    public ReportCharts() {
        // Charts are drawn on servers without a display; the cli sets this too, a library user may not have.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The charts of a report; none for an empty period (the report says it is empty instead). */
    public List<Chart> charts(Report report) {
        List<Chart> charts = new ArrayList<>();
        if (report.current().calls().attempts() > 0) {
            charts.add(volume(report));
            charts.add(successRate(report));
            charts.add(latency(report));
            charts.add(providerLatency(report));
            if (report.current().calls().failures() > 0) {
                charts.add(failures(report.current().calls()));
            }
        }
        if (report.current().delivery().events() > 0) {
            charts.add(delivery(report));
        }
        return charts;
    }

    private Chart volume(Report report) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(series("attempts", report.current(), b -> (double) b.attempts(), Duration.ZERO));
        data.addSeries(series("logical sends", report.current(), b -> (double) b.sends(), Duration.ZERO));
        report.previousPeriod().ifPresent(p -> data.addSeries(series("attempts, previous period", p, b -> (double) b.attempts(), shift(report))));
        return timeChart("volume", "Volume per " + unit(report), "attempts", data, report);
    }

    private Chart successRate(Report report) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(series("attempts", report.current(), b -> percent(b.attemptSuccessRate()), Duration.ZERO));
        data.addSeries(series("logical sends", report.current(), b -> percent(b.sendSuccessRate()), Duration.ZERO));
        report.previousPeriod().ifPresent(p -> data.addSeries(series("logical sends, previous period", p, b -> percent(b.sendSuccessRate()), shift(report))));
        return timeChart("success-rate", "Success rate (%) per " + unit(report), "%", data, report);
    }

    private Chart latency(Report report) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(series("p50", report.current(), b -> b.latency().p50Ms(), Duration.ZERO));
        data.addSeries(series("p95", report.current(), b -> b.latency().p95Ms(), Duration.ZERO));
        data.addSeries(series("p99", report.current(), b -> b.latency().p99Ms(), Duration.ZERO));
        report.previousPeriod().ifPresent(p -> data.addSeries(series("p95, previous period", p, b -> b.latency().p95Ms(), shift(report))));
        return timeChart("latency", "Latency (ms) per " + unit(report), "ms", data, report);
    }

    private Chart providerLatency(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ProviderFigures p : report.current().calls().providers()) {
            add(data, p.latency().p50Ms(), "p50", p.provider());
            add(data, p.latency().p95Ms(), "p95", p.provider());
            add(data, p.latency().p99Ms(), "p99", p.provider());
            report.previousPeriod().flatMap(prev -> prev.calls().provider(p.provider()))
                    .ifPresent(was -> add(data, was.latency().p95Ms(), "p95, previous period", p.provider()));
        }
        JFreeChart chart = ChartFactory.createBarChart("Latency per provider (ms)", null, "ms", data, PlotOrientation.VERTICAL, true, false, false);
        return png("provider-latency", "Latency per provider (ms)", styleBars(chart, data));
    }

    private Chart failures(CallFigures calls) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> categories = new LinkedHashSet<>(calls.failuresByCategory().keySet());
        for (ProviderFigures p : calls.providers()) {
            for (String c : categories) {
                data.addValue(p.failuresByCategory().getOrDefault(c, 0L), c, p.provider());
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Failures by error category and provider", null, "failed attempts", data,
                PlotOrientation.VERTICAL, true, false, false);
        return png("failures", "Failures by error category and provider", styleBars(chart, data));
    }

    private Chart delivery(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        report.current().delivery().byStatus().forEach((status, n) -> data.addValue(n, "this period", status));
        report.previousPeriod().ifPresent(p -> report.current().delivery().byStatus().keySet()
                .forEach(status -> data.addValue(p.delivery().byStatus().getOrDefault(status, 0L), "previous period", status)));
        JFreeChart chart = ChartFactory.createBarChart("Delivery funnel", null, "events", data, PlotOrientation.VERTICAL, true, false, false);
        return png("delivery", "Delivery funnel (events per delivery status)", styleBars(chart, data));
    }

    // ---- helpers

    private static Duration shift(Report report) {
        return report.current().period().length();
    }

    private static String unit(Report report) {
        Duration bucket = report.current().period().bucket();
        return bucket.toHours() <= 1 ? "hour" : bucket.toDays() == 1 ? "day" : "week";
    }

    private static Double percent(Double fraction) {
        return fraction == null ? null : fraction * 100;
    }

    private static void add(DefaultCategoryDataset data, Double value, String series, String category) {
        data.addValue(value, series, category);
    }

    /** A line of one value per bucket; buckets without a value are gaps, not zeros. */
    private static TimeSeries series(String name, PeriodFigures figures, Function<TimeBucket, Double> value, Duration shift) {
        TimeSeries s = new TimeSeries(name);
        for (TimeBucket b : figures.calls().overTime()) {
            s.add(new FixedMillisecond(b.start().plus(shift).toEpochMilli()), value.apply(b));
        }
        return s;
    }

    private Chart timeChart(String id, String title, String yLabel, TimeSeriesCollection data, Report report) {
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, null, yLabel, data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        style(chart);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean previous = data.getSeriesKey(i).toString().endsWith("previous period");
            renderer.setSeriesPaint(i, previous ? PREVIOUS : PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, previous
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f)
                    : new BasicStroke(2f));
            renderer.setSeriesShapesVisible(i, !previous);
        }
        plot.setRenderer(renderer);
        DateAxis axis = (DateAxis) plot.getDomainAxis();
        SimpleDateFormat format = new SimpleDateFormat(report.current().period().bucket().toHours() <= 1 ? "dd MMM HH:mm" : "EEE dd MMM", java.util.Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        axis.setDateFormatOverride(format);
        axis.setLabel("UTC");
        // Volumes and latencies read from zero; success rates zoom in, where 99 % and 95 % differ.
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        if (id.equals("success-rate")) {
            successRateRange(range, data);
        } else {
            range.setAutoRangeIncludesZero(true);
        }
        return png(id, title, chart);
    }

    /**
     * From the 5-point step below the lowest rate up to 100 %. Auto-ranging a flat line (99 % every day) gives a
     * sliver of an axis whose every tick reads "9.9E1".
     */
    static void successRateRange(NumberAxis axis, TimeSeriesCollection data) {
        double lowest = 100;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            for (int j = 0; j < data.getItemCount(i); j++) {
                double y = data.getYValue(i, j);
                if (!Double.isNaN(y)) {
                    lowest = Math.min(lowest, y);
                }
            }
        }
        double lower = Math.max(0, Math.floor((lowest - 1) / 5) * 5);
        axis.setRange(lower, 100);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    private static JFreeChart styleBars(JFreeChart chart, DefaultCategoryDataset data) {
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            boolean previous = data.getRowKey(i).toString().endsWith("previous period");
            renderer.setSeriesPaint(i, previous ? PREVIOUS : PALETTE[i % PALETTE.length]);
        }
        if (data.getColumnCount() > 6) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
    }

    private static Chart png(String id, String title, JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            // Into memory: cannot happen short of a bug in the encoder.
            throw new UncheckedIOException("drawing chart " + id, e);
        }
        return new Chart(id, title, out.toByteArray());
    }
}
