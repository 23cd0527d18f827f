package io.mailtrail.logback.queue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.mailtrail.logback.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class EventWeigherTest {

    private final LoggerContext ctx = new LoggerContext();

    @Test
    void aHeavierEventWeighsMoreAndTheWeightIsStable() {
        LoggingEvent small = event(ctx, "app", "hello", null, Map.of("seq", 1L));
        Map<String, Object> kv = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            kv.put("mailtrail.field" + i, "value-" + i);
        }
        LoggingEvent large = event(ctx, "mailtrail.calls", "email call {}", null, kv);
        large.setArgumentArray(new Object[]{"ses"});
        large.setMDCPropertyMap(Map.of("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736"));
        int s = EventWeigher.weigh(small);
        int l = EventWeigher.weigh(large);
        assertThat(s).isBetween(EventWeigher.EVENT, 1_000);
        assertThat(l).isGreaterThan(s + 25 * EventWeigher.PAIR);
        assertThat(EventWeigher.weigh(large)).isEqualTo(l);
    }

    @Test
    void aThrowableCountsItsFrames() {
        LoggingEvent plain = event(ctx, "app", "failed", null, null);
        LoggingEvent failed = event(ctx, "app", "failed", new IllegalStateException("boom"), null);
        assertThat(EventWeigher.weigh(failed) - EventWeigher.weigh(plain))
                .isGreaterThanOrEqualTo(new IllegalStateException().getStackTrace().length * EventWeigher.FRAME);
    }
}
