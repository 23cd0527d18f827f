package io.mailtrail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.status.Status;
import io.mailtrail.logback.encoder.EcsJsonEncoder;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a call costs the logging thread when the queue is full: under {@code dropNewest} the event is counted
 * and dropped before it is prepared (its message is never formatted); {@code dropOldest} and {@code block}
 * still prepare it, because they may queue it.
 *
 * <p>The queue is held full deterministically: the encoder thread takes the first event and waits inside
 * {@link GatedEncoder#encode} until the test opens the gate, so nothing else leaves the queue meanwhile.
 */
class FullQueueCallerWorkTest {

    private static final int QUEUE_SIZE = 4;

    /** An argument that counts how often the message is formatted with it. */
    private static final class CountingArgument {
        final AtomicInteger formatted = new AtomicInteger();

        @Override
        public String toString() {
            formatted.incrementAndGet();
            return "counted-argument";
        }
    }

    /** The default encoder behind a gate: the first encode waits until {@link #open()}. */
    private static final class GatedEncoder extends EncoderBase<ILoggingEvent> {
        final EcsJsonEncoder delegate = new EcsJsonEncoder();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void start() {
            delegate.setContext(getContext());
            delegate.start();
            super.start();
        }

        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.encode(event);
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }

        void open() {
            gate.countDown();
        }
    }

    /** One run: fill the queue behind the gated encoder, log the counted event, then let everything ship. */
    private record Run(MetricsSnapshot before, MetricsSnapshot after, int formattedOnCall, MetricsSnapshot atStop,
                       String shipped, String warnings) {
    }

    private static Run logToFullQueue(String policy) throws Exception {
        GatedEncoder encoder = new GatedEncoder();
        try (LocalBulkServer server = new LocalBulkServer();
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setUrl(server.url());
                 a.setEncoder(encoder);
                 a.setQueueSize(QUEUE_SIZE);
                 a.setOverflowPolicy(policy);
                 a.setMaxBlockMillis(1);
                 a.setFlushIntervalMillis(20);
                 a.setJmx(false);
             })) {
            assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
            Logger log = h.logger("app");
            try {
                log.info("filler {}", -1);
                assertThat(encoder.entered.await(10, TimeUnit.SECONDS)).as("the encoder took the first event").isTrue();
                for (int i = 0; i < QUEUE_SIZE; i++) {
                    log.info("filler {}", i);
                }
                MetricsSnapshot before = h.appender.getMetrics();
                assertThat(before.queueDepth()).isEqualTo(QUEUE_SIZE);
                assertThat(before.dropped()).isZero();

                CountingArgument argument = new CountingArgument();
                log.info("overflow {}", argument);
                int formattedOnCall = argument.formatted.get();
                MetricsSnapshot after = h.appender.getMetrics();

                encoder.open();
                h.stop();
                String warnings = h.statuses(Status.WARN).stream().map(Status::getMessage).collect(Collectors.joining("\n"));
                return new Run(before, after, formattedOnCall, h.appender.getMetrics(), String.join("", server.bodies),
                        warnings);
            } finally {
                encoder.open();
            }
        }
    }

    @Test
    void dropNewestDropsAFullQueuesEventWithoutFormattingIt() throws Exception {
        Run run = logToFullQueue("dropNewest");
        assertThat(run.formattedOnCall()).isZero();
        assertThat(run.after().dropped()).isEqualTo(run.before().dropped() + 1);
        assertThat(run.after().appended()).isEqualTo(run.before().appended());
        assertThat(run.after().queueDepth()).isEqualTo(QUEUE_SIZE);
        // the queued events still ship: only the overflowing one was lost, and it was counted
        assertThat(run.atStop().sent()).isEqualTo(QUEUE_SIZE + 1);
        assertThat(run.atStop().dropped()).isEqualTo(1);
        assertThat(run.shipped()).contains("filler 3").doesNotContain("overflow");
    }

    @Test
    void dropNewestWarnsAboutTheFullQueueWithoutFormattingTheEvent() throws Exception {
        Run run = logToFullQueue("dropNewest");
        assertThat(run.formattedOnCall()).isZero();
        assertThat(run.after().dropped()).isEqualTo(1);
        // the harness sets warningIntervalMillis=0, so this drop's warning was reported
        assertThat(run.warnings()).contains("ElasticsearchAppender[es]: the queue is full (queueSize=4, queueMaxBytes=67108864, overflowPolicy=dropNewest); dropping new events");
        assertThat(run.warnings()).doesNotContain("counted-argument");
    }

    @Test
    void dropOldestStillPreparesAndQueuesTheNewEvent() throws Exception {
        Run run = logToFullQueue("dropOldest");
        assertThat(run.formattedOnCall()).isEqualTo(1);
        assertThat(run.after().appended()).isEqualTo(run.before().appended() + 1);
        assertThat(run.after().dropped()).isEqualTo(run.before().dropped() + 1);
        assertThat(run.shipped()).contains("overflow counted-argument").doesNotContain("filler 0\"");
    }

    @Test
    void blockStillPreparesTheEventBeforeWaitingAndDropsItWhenTheWaitEnds() throws Exception {
        Run run = logToFullQueue("block");
        assertThat(run.formattedOnCall()).isEqualTo(1);
        assertThat(run.after().dropped()).isEqualTo(run.before().dropped() + 1);
        assertThat(run.after().appended()).isEqualTo(run.before().appended());
        assertThat(run.shipped()).doesNotContain("overflow");
    }
}
