package io.mailtrail.logback.route;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.mailtrail.logback.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private final LoggerContext ctx = new LoggerContext();
    private final Router router = new Router("logs", "myapp", "prod");

    @Test
    void eventsWithoutDatasetGoToTheDefaultDataStream() {
        assertThat(router.route(event(ctx, "x", "m", null, null)))
                .isEqualTo(new Route("logs-myapp-prod", "logs", "myapp", "prod"));
    }

    @Test
    void eventsCarryingADatasetGoToTheirOwnDataStream() {
        Route r = router.route(event(ctx, "mailtrail.calls", "m", null, Map.of("data_stream.dataset", "mailtrail.calls")));
        assertThat(r).isEqualTo(new Route("logs-mailtrail.calls-prod", "logs", "mailtrail.calls", "prod"));
    }

    @Test
    void theEventsValidNamespaceWins() {
        Route r = router.route(event(ctx, "x", "m", null,
                Map.of("data_stream.dataset", "mailtrail.delivery", "data_stream.namespace", "staging")));
        assertThat(r.index()).isEqualTo("logs-mailtrail.delivery-staging");
    }

    @Test
    void invalidNamesFallBack() {
        Route r = router.route(event(ctx, "x", "m", null,
                Map.of("data_stream.dataset", "Bad-Name", "data_stream.namespace", "ok")));
        assertThat(r.index()).isEqualTo("logs-myapp-prod");
        Route r2 = router.route(event(ctx, "x", "m", null,
                Map.of("data_stream.dataset", "good", "data_stream.namespace", "bad-ns")));
        assertThat(r2.index()).isEqualTo("logs-good-prod");
        Route r3 = router.route(event(ctx, "x", "m", null, Map.of("data_stream.dataset", 42)));
        assertThat(r3.index()).isEqualTo("logs-myapp-prod");
    }

    @Test
    void anInvalidConfiguredNamespaceIsRefused() {
        assertThatThrownBy(() -> new Router("logs", "myapp", "Prod-1")).hasMessageContaining("Prod-1");
    }
}
