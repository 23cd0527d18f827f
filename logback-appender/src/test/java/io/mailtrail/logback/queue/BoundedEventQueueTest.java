package io.mailtrail.logback.queue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedEventQueueTest {

    @Test
    void offerRefusesWhenFull() {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(2);
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2)).isTrue();
        assertThat(q.offer(3)).isFalse();
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void isFullExactlyWhenAnOfferWouldBeRefused() {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(2);
        assertThat(q.isFull()).isFalse();
        q.offer(1);
        assertThat(q.isFull()).isFalse();
        q.offer(2);
        assertThat(q.isFull()).isTrue();
        assertThat(q.offer(3)).isFalse();
        q.poll();
        assertThat(q.isFull()).isFalse();
        assertThat(q.offer(3)).isTrue();
    }

    @Test
    void dropOldestKeepsTheNewest() {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(2);
        q.offer(1);
        q.offer(2);
        assertThat(q.offerDroppingOldest(3)).isEqualTo(1);
        assertThat(q.poll()).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(3);
        assertThat(q.poll()).isNull();
    }

    @Test
    void blockingOfferGivesUpAfterItsTimeAndSucceedsWhenRoomAppears() throws Exception {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(1);
        q.offer(1);
        assertThat(q.offerBlocking(2, 20)).isFalse();
        Thread consumer = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ignored) {
                // test thread
            }
            q.poll();
        });
        consumer.start();
        assertThat(q.offerBlocking(3, 10_000)).isTrue();
        consumer.join();
        assertThat(q.poll()).isEqualTo(3);
    }

    /**
     * A stop-the-world pause longer than maxBlockMillis stops the consumer too: a producer that was waiting does
     * not count it (it keeps waiting and gets the room the consumer then makes), but it never waits more than ten
     * times maxBlockMillis of wall time. The pause is a jump of the queue's clock; the producer runs on.
     */
    @Test
    void aPauseInWhichTheProducerDidNotRunIsNotCountedAgainstItsWait() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(1, Long.MAX_VALUE, e -> 0, clock::get);
        q.offer(1);
        java.util.concurrent.CompletableFuture<Boolean> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> q.offerBlocking(2, 100));
        Thread.sleep(20);
        clock.addAndGet(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300)); // a 300 ms pause: 3 × maxBlockMillis
        Thread.sleep(20);
        assertThat(waiting).as("still waiting after the pause").isNotDone();
        q.poll();
        assertThat(waiting.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(q.poll()).isEqualTo(2);

        q.offer(3);
        java.util.concurrent.CompletableFuture<Boolean> capped = java.util.concurrent.CompletableFuture.supplyAsync(() -> q.offerBlocking(4, 100));
        Thread.sleep(20);
        for (int i = 0; i < 11; i++) {
            clock.addAndGet(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100)); // pauses adding up to 1.1 s of wall time
            Thread.sleep(5);
        }
        assertThat(capped.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("ten times maxBlockMillis at most").isFalse();

        java.util.concurrent.CompletableFuture<Boolean> plain = java.util.concurrent.CompletableFuture.supplyAsync(() -> q.offerBlocking(5, 100));
        for (int i = 0; i < 30 && !plain.isDone(); i++) {
            clock.addAndGet(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(4)); // the producer runs: 4 ms steps count
            Thread.sleep(5);
        }
        assertThat(plain.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("a wait while the producer runs counts").isFalse();
    }

    @Test
    void concurrentProducersNeverExceedTheCapacityAndLoseNothingAccepted() throws Exception {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(1000);
        AtomicInteger accepted = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            producers.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (q.offer(i)) {
                        accepted.incrementAndGet();
                    }
                }
            }));
        }
        int taken = 0;
        producers.forEach(Thread::start);
        while (producers.stream().anyMatch(Thread::isAlive) || q.size() > 0) {
            assertThat(q.size()).isLessThanOrEqualTo(1000);
            if (q.poll() != null) {
                taken++;
            }
        }
        for (Thread p : producers) {
            p.join();
        }
        while (q.poll() != null) {
            taken++;
        }
        assertThat(taken).isEqualTo(accepted.get());
    }

    @Test
    void producersWakeAParkedConsumerOnlyOnceTheWakeThresholdIsReached() throws Exception {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(10);
        java.util.concurrent.CompletableFuture<Integer> taken = new java.util.concurrent.CompletableFuture<>();
        Thread consumer = new Thread(() -> taken.complete(q.poll(java.util.concurrent.TimeUnit.MINUTES.toNanos(1))));
        q.setConsumer(consumer, 3);
        consumer.start();
        for (int i = 0; i < 3000 && consumer.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10); // parked in poll: an offer now finds the queue empty and the consumer waiting
        }
        q.offer(1);
        q.offer(2);
        Thread.sleep(300);
        assertThat(taken).as("below the threshold the consumer keeps waiting (no wake-up per offer)").isNotDone();
        q.offer(3);
        assertThat(taken.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        consumer.join();
    }

    @Test
    void aConsumerNeverParksWhileTheQueueIsAtTheThreshold() {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(2);
        q.setConsumer(Thread.currentThread(), 5); // capped at the capacity: a full queue always wakes
        assertThat(q.poll(1_000_000L)).isNull();
        q.offer(1);
        q.offer(2);
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.poll(java.util.concurrent.TimeUnit.MINUTES.toNanos(1))).isEqualTo(2);
    }

    @Test
    void theByteBudgetBoundsTheQueueWhateverTheCount() {
        // weight = the element itself: 40 + 40 fit a budget of 100, a third 40 does not
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(1000, 100, i -> i);
        assertThat(q.offer(40)).isTrue();
        assertThat(q.offer(40)).isTrue();
        assertThat(q.atLeastHalfFull()).isTrue();
        assertThat(q.offer(40)).isFalse();
        assertThat(q.offer(20)).isTrue();
        assertThat(q.bytes()).isEqualTo(100);
        assertThat(q.isFull()).isTrue();
        assertThat(q.poll()).isEqualTo(40);
        assertThat(q.bytes()).isEqualTo(60);
        assertThat(q.offerBlocking(40, 0)).isTrue();
        assertThat(q.offerDroppingOldest(90)).as("dropped to make room").isEqualTo(3);
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.bytes()).isEqualTo(90);
    }

    @Test
    void anElementHeavierThanTheBudgetStillEntersAnEmptyQueue() {
        BoundedEventQueue<Integer> q = new BoundedEventQueue<>(10, 100, i -> i);
        assertThat(q.offer(500)).isTrue();
        assertThat(q.offer(1)).isFalse();
        assertThat(q.poll()).isEqualTo(500);
        assertThat(q.bytes()).isZero();
        assertThat(q.atLeastHalfFull()).isFalse();
    }
}
