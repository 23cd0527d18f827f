package io.mailtrail.alerts.history;

import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseTest {

    @Test
    void aLeaseIndexWhoseShardIsNotStartedYetMeansStandBy() {
        List<String> requests = new ArrayList<>();
        ClusterClient justCreated = (method, path, params, body) -> {
            requests.add(method + " " + path);
            throw new ClusterException(503, "GET " + path + " answered 503: No shard available", null);
        };
        assertThat(new Lease(justCreated, "default", "engine-a", Duration.ofSeconds(30)).acquire(Instant.now())).isFalse();
        assertThat(requests).as("no write while the holder is unknown").containsExactly("GET /mailtrail-alerts-lease/_doc/default");
    }

    @Test
    void aClusterThatCannotBeReachedIsStillAnError() {
        ClusterClient down = (method, path, params, body) -> {
            throw new ClusterException(0, "connection refused", null);
        };
        assertThatThrownBy(() -> new Lease(down, "default", "engine-a", Duration.ofSeconds(30)).acquire(Instant.now()))
                .isInstanceOf(ClusterException.class);
    }
}
