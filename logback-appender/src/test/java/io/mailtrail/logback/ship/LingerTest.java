package io.mailtrail.logback.ship;

import io.mailtrail.logback.AppenderHarness;
import io.mailtrail.logback.LocalBulkServer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lingerMillis}: with a request slot free a batch leaves without waiting to fill or for the flush
 * interval; with every slot busy the events wait for the slot together, in one batch. The flush interval here
 * is 30 s, so only the linger can send anything within the test.
 */
class LingerTest {

    private static final long FLUSH_MILLIS = 30_000;

    private static AppenderHarness appender(LocalBulkServer server, long lingerMillis) {
        return new AppenderHarness(a -> {
            a.setUrl(server.url());
            a.setFlushIntervalMillis(FLUSH_MILLIS);
            a.setLingerMillis(lingerMillis);
            a.setMaxInFlightRequests(1);
            a.setShutdownTimeoutMillis(5_000);
        });
    }

    private static void awaitBodies(LocalBulkServer server, int count) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.bodies.size() < count && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(server.bodies).as("requests received").hasSizeGreaterThanOrEqualTo(count);
    }

    private static long items(String body) {
        return body.lines().count() / 2;
    }

    @Test
    void aPartialBatchLeavesOnceItLingeredWhileASlotIsFree() throws Exception {
        try (LocalBulkServer server = new LocalBulkServer(); AppenderHarness h = appender(server, 20)) {
            for (int i = 0; i < 3; i++) {
                h.logger("app").info("lingering {}", i);
            }
            awaitBodies(server, 1);
            assertThat(items(server.bodies.get(0))).isEqualTo(3);
            assertThat(h.appender.getMetrics().queueDepth()).isZero();
        }
    }

    @Test
    void withoutLingerAPartialBatchWaitsForTheFlushInterval() throws Exception {
        try (LocalBulkServer server = new LocalBulkServer(); AppenderHarness h = appender(server, 0)) {
            h.logger("app").info("waiting for the flush interval");
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            assertThat(server.bodies).as("nothing sent a second in, with a 30 s flush interval").isEmpty();
            h.stop();
            assertThat(server.bodies).hasSize(1); // the stop drains it
        }
    }

    @Test
    void eventsLoggedWhileEverySlotIsBusyLeaveTogetherWhenItFrees() throws Exception {
        try (LocalBulkServer server = new LocalBulkServer(600); AppenderHarness h = appender(server, 10)) {
            h.logger("app").info("first");
            // the first request is being answered (600 ms); these 40 come in while the only slot is busy
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            for (int i = 0; i < 40; i++) {
                h.logger("app").info("while busy {}", i);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            awaitBodies(server, 2);
            assertThat(items(server.bodies.get(0))).isEqualTo(1);
            assertThat(items(server.bodies.get(1))).as("one batch, not one per linger").isEqualTo(40);
        }
    }
}
