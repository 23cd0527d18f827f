package io.mailtrail.logback.resilience;

import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.logback.testsupport.net.TcpProxy;
import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the appender's counters say while the cluster cannot be reached. */
@ExtendWith(ElasticsearchExtension.class)
class MetricsDuringOutageIT {

    @Test
    void requestsThatFailToConnectAreCountedAsBulkRequests(ElasticsearchNode es) throws Exception {
        try (TcpProxy proxy = TcpProxy.start(es.url().getHost(), es.url().getPort())) {
            proxy.pause(PauseMode.REFUSE);
            try (AppenderHarness h = new AppenderHarness(a -> {
                a.setUrl(proxy.uri("http").toString());
                a.setDataset("resilience.metrics");
                a.setNamespace(EsQueries.freshNamespace());
                a.setFlushIntervalMillis(100);
                a.setInitialBackoffMillis(50);
                a.setMaxBackoffMillis(200);
            })) {
                h.logger("app.metrics").info("one event");
                assertThat(Polling.within(Duration.ofSeconds(20), Duration.ofMillis(50),
                        () -> h.appender.getMetrics().retried() >= 3)).as("three failed requests").isTrue();
                MetricsSnapshot m = h.appender.getMetrics();
                System.out.printf("[resilience] metrics after refused requests: %s%n", m);
                assertThat(m.bulkRequests()).as("requests made, including failed ones").isGreaterThanOrEqualTo(3);
            }
        }
    }
}
