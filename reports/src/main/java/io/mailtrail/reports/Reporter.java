package io.mailtrail.reports;

import io.mailtrail.reports.compare.RegressionRules;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.reports.query.ReportQueries;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Computes a {@link Report}: the period's figures, optionally the previous period's, and the regressions. */
public final class Reporter {

    private final ReportQueries queries;
    private final RegressionRules rules;
    private final Clock clock;

    public Reporter(ReportQueries queries, RegressionRules rules, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IOException as the search client threw it (the cli turns it into one line)
     */
    public Report report(ReportPeriod period, boolean comparePrevious) throws IOException {
        PeriodFigures current = queries.figures(period);
        Optional<PeriodFigures> previous = comparePrevious ? Optional.of(queries.figures(period.previous())) : Optional.empty();
        return new Report(queries.namespace(), clock.instant(), current, previous.orElse(null),
                rules.regressions(current, previous), rules.thresholds());
    }
}
