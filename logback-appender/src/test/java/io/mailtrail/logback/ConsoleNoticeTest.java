package io.mailtrail.logback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An unreachable cluster and a stop that leaves events behind are said once on stderr, without a status listener. */
class ConsoleNoticeTest {

    private static String waitFor(ByteArrayOutputStream err, String text) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!err.toString(StandardCharsets.UTF_8).contains(text) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnreachableClusterAndLostEventsAreSaidOnceEach() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String dead = LocalBulkServer.deadUrl();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setConsoleStream(new PrintStream(err, true, StandardCharsets.UTF_8));
            a.setUrl(dead);
            a.setPassword("s3cret");
            a.setUsername("writer");
            a.setFlushIntervalMillis(10);
            a.setInitialBackoffMillis(1);
            a.setMaxBackoffMillis(5);
            a.setShutdownTimeoutMillis(200);
        })) {
            for (int i = 0; i < 5; i++) {
                h.logger("app").info("event {}", i);
            }
            String text = waitFor(err, "cannot reach Elasticsearch");
            Thread.sleep(200); // more failed retries meanwhile: still one line
            h.stop();
            text = err.toString(StandardCharsets.UTF_8);
            assertThat(text.lines().filter(l -> l.contains("cannot reach Elasticsearch")).count()).isEqualTo(1);
            assertThat(text.lines().filter(l -> l.contains("LOST 5 events")).count()).as(text).isEqualTo(1);
            assertThat(text.lines().count()).isEqualTo(2);
            assertThat(text).doesNotContain("s3cret").contains("mailtrail ElasticsearchAppender[es]: ");
        }
    }

    @Test
    void eventsLeftInTheSpoolAtStopAreSaid(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String dead = LocalBulkServer.deadUrl();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setConsoleStream(new PrintStream(err, true, StandardCharsets.UTF_8));
            a.setUrl(dead);
            a.setSpoolDirectory(tmp.resolve("spool").toString());
            a.setInitialBackoffMillis(1);
            a.setMaxBackoffMillis(5);
            a.setShutdownTimeoutMillis(500);
        })) {
            for (int i = 0; i < 7; i++) {
                h.logger("app").info("event {}", i);
            }
            h.stop();
            String text = err.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("stopped and LEFT 7 events in the spool " + tmp.resolve("spool"));
            assertThat(h.allStatusText()).contains("LEFT 7 events").doesNotContain("LOST");
        }
    }
}
