package io.mailtrail.reports;

import io.mailtrail.reports.compare.Regression;
import io.mailtrail.reports.compare.Thresholds;
import io.mailtrail.reports.figures.PeriodFigures;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished report: the figures of the period, those of the period before when asked for, and what got
 * notably worse. Everything the HTML, the text and the JSON summary show comes from here.
 *
 * @param namespace   data stream namespace the figures are from
 * @param generatedAt when the report was computed
 * @param current     the period reported on
 * @param previous    the period of the same length before it, or null without {@code --compare-previous}
 * @param regressions what got notably worse (and rates above their limits), most important first
 * @param thresholds  the rules that decided it
 */
public record Report(String namespace, Instant generatedAt, PeriodFigures current, PeriodFigures previous,
                     List<Regression> regressions, Thresholds thresholds) {

    public Report {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(current, "current");
        regressions = List.copyOf(regressions);
        Objects.requireNonNull(thresholds, "thresholds");
    }

    public Optional<PeriodFigures> previousPeriod() {
        return Optional.ofNullable(previous);
    }

    /** True when the period has no call and no delivery event: the report says so instead of drawing empty charts. */
    public boolean isEmpty() {
        return current.calls().attempts() == 0 && current.delivery().events() == 0;
    }
}
