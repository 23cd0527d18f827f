package io.mailtrail.reports.query;

import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.figures.PeriodFigures;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads the figures of a period from a namespace's two data streams: two {@code size: 0} searches, no
 * document read to count.
 */
public final class ReportQueries {

    private final SearchClient search;
    private final String namespace;

    public ReportQueries(SearchClient search, String namespace) {
        this.search = Objects.requireNonNull(search, "search");
        this.namespace = Namespaces.requireValid(namespace);
    }

    public String namespace() {
        return namespace;
    }

    public String callsIndex() {
        return Dataset.CALLS.dataStream(namespace);
    }

    public String deliveryIndex() {
        return Dataset.DELIVERY.dataStream(namespace);
    }

    public PeriodFigures figures(ReportPeriod period) throws IOException {
        return new PeriodFigures(period,
                CallsQuery.read(search.search(callsIndex(), CallsQuery.body(period))),
                DeliveryQuery.read(search.search(deliveryIndex(), DeliveryQuery.body(period))));
    }
}
