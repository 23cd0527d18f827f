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

    @Test
    void aSuppressedWarningNeverBuildsItsText() {
        LoggerContext ctx = new LoggerContext();
        ContextAwareBase owner = new ContextAwareBase();
        owner.setContext(ctx);
        ThrottledStatus status = new ThrottledStatus(owner, 60_000);
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 1_000; i++) {
            status.warn(() -> "queue full #" + built.incrementAndGet());
        }
        assertThat(built).hasValue(1);
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
                .containsExactly("queue full #1");
    }
}
