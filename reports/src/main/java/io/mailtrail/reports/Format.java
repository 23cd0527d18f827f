package io.mailtrail.reports;

import java.util.Locale;

/** How numbers read in the report, the text alternative and the regression lines: one place, one style. */
public final class Format {

    /** Shown where there is no value (no events to compute it from). */
    public static final String NONE = "—";

    private Format() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A fraction as a percentage: 0.9587 → {@code 95.87 %}; two decimals, rates near 100 % differ there. */
    public static String percent(Double fraction) {
        return fraction == null ? NONE : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** Milliseconds: {@code 420 ms} below a second, {@code 1.10 s} from there. */
    public static String millis(Double ms) {
        if (ms == null) {
            return NONE;
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    /** A relative change: {@code +180 %}. */
    public static String change(double relative) {
        return String.format(Locale.ROOT, "%+.0f %%", relative * 100);
    }

    /** A difference of two fractions in percentage points: {@code -3.20 pp}. */
    public static String points(double difference) {
        return String.format(Locale.ROOT, "%+.2f pp", difference * 100);
    }
}
