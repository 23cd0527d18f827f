package io.mailtrail.reports.figures;

import java.util.Map;

/**
 * What the delivery events ({@code logs-mailtrail.delivery-<ns>}) of one period say.
 *
 * @param events        delivery events
 * @param byStatus      events per {@code mailtrail.delivery.status}, in {@link io.mailtrail.schema.DeliveryStatus} order
 * @param bounceRate    average of {@code mailtrail.delivery.bounce_count}: hard bounces / (delivered + hard bounces)
 * @param bounceBase    how many events that average is over
 * @param complaintRate average of {@code mailtrail.delivery.complaint_count}: complaints / (delivered + complaints)
 * @param complaintBase how many events that average is over
 */
public record DeliveryFigures(long events, Map<String, Long> byStatus, Double bounceRate, long bounceBase,
                              Double complaintRate, long complaintBase) {

    public DeliveryFigures {
        byStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byStatus));
    }
}
