package io.mailtrail.logback;

import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ElasticsearchExtension.class)
class FaultInjectionIT {

    @Test
    void a429And503StormAndPerItemRejectionsLoseNothing(ElasticsearchNode es) throws Exception {
        try (RestClient c = es.restClient()) {
            EsOps.installTemplate(c);
        }
        String ns = EsOps.freshNamespace();
        int n = 600;
        try (FaultInjectingFront front = new FaultInjectingFront(es.url(), 2, 3, 5);
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setUrl(front.url());
                 a.setNamespace(ns);
                 a.setDataset("apptest.faults");
                 a.setMaxBatchActions(100);
                 a.setFlushIntervalMillis(100);
                 a.setInitialBackoffMillis(20);
                 a.setMaxBackoffMillis(500);
                 a.setQueueSize(1_000);
             })) {
            Logger log = h.logger("app");
            for (int i = 0; i < n; i++) {
                log.atInfo().setMessage("storm").addKeyValue("count", i).log();
            }
            h.stop();

            MetricsSnapshot m = h.appender.getMetrics();
            assertThat(front.requests.get()).isGreaterThan(6);
            assertThat(front.itemsRejectedSoFar.get()).isEqualTo(5);
            assertThat(m.dropped()).isZero();
            assertThat(m.failed()).isZero();
            assertThat(m.sent()).isEqualTo(n);
            assertThat(m.retried()).isPositive();
            assertThat(h.allStatusText()).contains("HTTP 429").contains("HTTP 503").contains("refused for now");
            try (RestClient c = es.restClient()) {
                String stream = "logs-apptest.faults-" + ns;
                assertThat(EsOps.count(c, stream)).isEqualTo(n);
                assertThat(EsOps.distinct(c, stream, "count")).isEqualTo(n);
            }
        }
    }
}
