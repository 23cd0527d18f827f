package io.mailtrail.tracker.event;

import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredPairsTest {

    private final AtomicInteger computed = new AtomicInteger();

    private List<KeyValuePair> source() {
        computed.incrementAndGet();
        List<KeyValuePair> pairs = new ArrayList<>();
        pairs.add(new KeyValuePair("event.outcome", "success"));
        pairs.add(new KeyValuePair("mailtrail.attempt.number", 1L));
        return pairs;
    }

    @Test
    void nothingIsComputedUntilTheFirstReadAndOnlyOnceAfter() {
        DeferredPairs pairs = new DeferredPairs(this::source);
        assertThat(computed).hasValue(0);

        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).key).isEqualTo("event.outcome");
        assertThat(pairs).extracting(p -> p.value).containsExactly("success", 1L);

        assertThat(computed).hasValue(1);
    }

    @Test
    void readersSeeAnImmutableList() {
        DeferredPairs pairs = new DeferredPairs(this::source);
        assertThatThrownBy(() -> pairs.add(new KeyValuePair("x", "y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(pairs).hasSize(2);
    }

    @Test
    void concurrentFirstReadsAgree() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                DeferredPairs pairs = new DeferredPairs(this::source);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<String>>> reads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    reads.add(threads.submit(() -> {
                        go.await();
                        return pairs.stream().map(p -> p.key + "=" + p.value).toList();
                    }));
                }
                go.countDown();
                for (Future<List<String>> read : reads) {
                    assertThat(read.get()).containsExactly("event.outcome=success", "mailtrail.attempt.number=1");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
