package io.mailtrail.tracker.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12: a compact trace of an SDK failure keeps the application's own frames. */
class StackTracesTest {

    @Test
    void anSdkFailureKeepsTheApplicationFrames() {
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            frames.add(new StackTraceElement("software.amazon.awssdk.core.internal.http.pipeline.Stage" + i, "execute", "Stage.java", i));
        }
        frames.add(new StackTraceElement("io.mailtrail.tracker.MailTracker", "track", "MailTracker.java", 10));
        frames.add(new StackTraceElement("com.shop.billing.ReceiptMailer", "send", "ReceiptMailer.java", 42));
        frames.add(new StackTraceElement("com.shop.billing.CheckoutService", "complete", "CheckoutService.java", 77));
        for (int i = 0; i < 30; i++) {
            frames.add(new StackTraceElement("org.springframework.web.servlet.Frame" + i, "handle", "Frame.java", i));
        }
        RuntimeException e = new RuntimeException("Throttling: Maximum sending rate exceeded");
        e.setStackTrace(frames.toArray(new StackTraceElement[0]));

        String trace = StackTraces.compact(e);

        assertThat(trace).contains("software.amazon.awssdk.core.internal.http.pipeline.Stage0.execute")
                .contains("com.shop.billing.ReceiptMailer.send(ReceiptMailer.java:42)")
                .contains("com.shop.billing.CheckoutService.complete")
                .contains("... 7 library frames")
                .doesNotContain("Stage13")
                .contains("more");
        assertThat(trace.lines().filter(l -> l.startsWith("\tat "))).hasSize(8 + 4);
    }

    @Test
    void aTraceThatStartsInTheApplicationIsJustItsTopFrames() {
        RuntimeException e = new RuntimeException("boom");
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            frames.add(new StackTraceElement("com.shop.Worker", "step" + i, "Worker.java", i));
        }
        e.setStackTrace(frames.toArray(new StackTraceElement[0]));

        String trace = StackTraces.compact(e);

        assertThat(trace.lines().filter(l -> l.startsWith("\tat "))).hasSize(8);
        assertThat(trace).contains("step7").doesNotContain("step8(").contains("... 12 more");
        assertThat(StackTraces.isLibrary(new StackTraceElement("java.net.Socket", "connect", null, 1))).isTrue();
        assertThat(StackTraces.isLibrary(new StackTraceElement("com.shop.Worker", "run", null, 1))).isFalse();
    }
}
