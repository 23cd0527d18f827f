package io.mailtrail.reports.render;

import io.mailtrail.reports.Format;
import io.mailtrail.reports.figures.PeriodFigures;

import java.util.function.Function;

/**
 * One line of a figures table: how to read the value from a period, and how to show it.
 *
 * @param key    stable name, used as {@code data-metric="current.<key>"} / {@code "previous.<key>"} in the HTML
 * @param label  what the reader sees
 * @param value  the value of a period, null when there is none
 * @param format how it reads
 * @param rate   a fraction: changes read in percentage points
 */
record Row(String key, String label, Function<PeriodFigures, Double> value, Function<Double, String> format, boolean rate) {

    static Row count(String key, String label, Function<PeriodFigures, Long> value) {
        return new Row(key, label, p -> (double) value.apply(p), v -> Format.count(v.longValue()), false);
    }

    static Row percent(String key, String label, Function<PeriodFigures, Double> value) {
        return new Row(key, label, value, Format::percent, true);
    }

    static Row millis(String key, String label, Function<PeriodFigures, Double> value) {
        return new Row(key, label, value, Format::millis, false);
    }

    String show(PeriodFigures p) {
        Double v = value.apply(p);
        return v == null ? Format.NONE : format.apply(v);
    }

    /** The change from before to now: relative for counts and latencies, in points for rates. */
    String change(PeriodFigures now, PeriodFigures before) {
        Double n = value.apply(now);
        Double b = value.apply(before);
        if (n == null || b == null) {
            return "";
        }
        if (rate) {
            return Format.points(n - b);
        }
        return b == 0 ? "" : Format.change((n - b) / b);
    }
}
