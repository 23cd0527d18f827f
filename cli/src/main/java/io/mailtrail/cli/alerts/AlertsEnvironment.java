package io.mailtrail.cli.alerts;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.RestClusterClient;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.elasticsearch.Cluster;

import java.time.Duration;
import java.time.Instant;

/** Small helpers the alerts subcommands share. */
final class AlertsEnvironment {

    private AlertsEnvironment() {
    }

    /** The engine's view of a {@link Cluster}: its low-level REST client. */
    static ClusterClient client(Cluster cluster) {
        return new RestClusterClient(((RestClientTransport) cluster.client()._transport()).restClient());
    }

    /** An instant option: ISO-8601 ({@code 2026-11-27T10:15:00Z}), a date, or epoch millis. */
    static Instant instant(String option, String value) {
        try {
            return DateMath.parseDate(value);
        } catch (RuntimeException e) {
            throw CliException.usage("--" + option + ": expected an instant like 2026-11-27T10:15:00Z, got '" + value + "'");
        }
    }

    /** A duration option: {@code 30s}, {@code 5m}, {@code 2h}. */
    static Duration duration(String option, String value) {
        try {
            Long ms = io.mailtrail.alerts.support.TimeValues.parse(value, option);
            if (ms == null || ms <= 0) {
                throw new IllegalArgumentException();
            }
            return Duration.ofMillis(ms);
        } catch (RuntimeException e) {
            throw CliException.usage("--" + option + ": expected a duration like 30s, 5m or 2h, got '" + value + "'");
        }
    }
}
