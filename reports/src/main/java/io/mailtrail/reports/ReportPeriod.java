package io.mailtrail.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The half-open time range {@code [from, to)} a report covers, and the bucket size of its time charts.
 *
 * @param from first instant included
 * @param to   first instant excluded
 */
public record ReportPeriod(Instant from, Instant to) {

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period is empty: from " + from + " is not before to " + to);
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of the same length that ends where this one starts: what "the week before" means. */
    public ReportPeriod previous() {
        return new ReportPeriod(from.minus(length()), from);
    }

    /**
     * Hours up to two days (48 buckets at most), days up to 62 days, weeks beyond: enough points for a line,
     * few enough to read.
     */
    public Duration bucket() {
        Duration length = length();
        if (length.compareTo(Duration.ofDays(2)) <= 0) {
            return Duration.ofHours(1);
        }
        if (length.compareTo(Duration.ofDays(62)) <= 0) {
            return Duration.ofDays(1);
        }
        return Duration.ofDays(7);
    }
}
