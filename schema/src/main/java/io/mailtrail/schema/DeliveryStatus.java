package io.mailtrail.schema;

import java.util.Locale;

/**
 * The common vocabulary of delivery events ({@code mailtrail.delivery.status} and {@code event.action}),
 * whatever the provider calls them.
 */
public enum DeliveryStatus {
    ACCEPTED(Outcome.SUCCESS),
    DELIVERED(Outcome.SUCCESS),
    DEFERRED(Outcome.UNKNOWN),
    BOUNCED_HARD(Outcome.FAILURE),
    BOUNCED_SOFT(Outcome.FAILURE),
    /** Refused by the provider before delivery (suppression, policy, invalid address). */
    REJECTED(Outcome.FAILURE),
    /** The provider failed to process it (rendering failure and the like). */
    FAILED(Outcome.FAILURE),
    /** The recipient marked it as spam. No outcome: delivery succeeded, the complaint is its own signal. */
    COMPLAINED(null),
    OPENED(null),
    CLICKED(null),
    UNSUBSCRIBED(null),
    UNKNOWN(null);

    private final Outcome outcome;
    /** Computed once: {@link #value()} runs on every delivery event. */
    private final String value = name().toLowerCase(Locale.ROOT);

    DeliveryStatus(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The {@code event.outcome} for this status, or null where ECS says not to set one. */
    public Outcome outcome() {
        return outcome;
    }

    public String value() {
        return value;
    }
}
