package io.mailtrail.reports.figures;

import io.mailtrail.reports.ReportPeriod;

/** Every figure of one period, as Elasticsearch's aggregations returned them. */
public record PeriodFigures(ReportPeriod period, CallFigures calls, DeliveryFigures delivery) {
}
