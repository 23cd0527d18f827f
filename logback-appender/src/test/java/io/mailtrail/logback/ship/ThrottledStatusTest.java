package io.mailtrail.logback.ship;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledStatusTest {

    @Test
    void reportsOncePerIntervalAndCountsTheSuppressedOnes() throws Exception {
        LoggerContext ctx = new LoggerContext();
        ContextAwareBase owner = new ContextAwareBase();
        owner.setContext(ctx);
        ThrottledStatus status = new ThrottledStatus(owner, 200);
        status.warn("first");
        status.warn("second");
        status.error("third");   // an earlier warning must not hide an error (e.g. unreachable, then 401)
        status.error("third again");
        Thread.sleep(250);
        status.warn("fourth");
        List<Status> all = ctx.getStatusManager().getCopyOfStatusList();
        assertThat(all).extracting(Status::getMessage)
                .containsExactly("first", "third", "fourth (1 similar reports suppressed)");
    }
}
