package io.mailtrail.logback.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM with SIGKILL while it appends to a spool, then checks what the next open recovers. */
class DiskSpoolCrashTest {

    private static final int SYNC_EVERY = 500;
    private static final int CYCLES = 3;

    @TempDir
    Path dir;

    @Test
    void everySyncedRecordSurvivesSigkillExactlyOnceAndInOrder() throws Exception {
        long next = 0; // number of the first record not yet read back (and acknowledged)
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            long lastSynced;
            try (ChildJvm child = ChildJvm.start(SpoolWriterProcess.class, dir.toString(), Long.toString(next),
                    Integer.toString(SYNC_EVERY), "20")) {
                assertThat(child.nextLine(20_000)).isEqualTo("open");
                assertThatThrownBy(() -> DiskSpool.open(dir, SpoolWriterProcess.MAX_BYTES,
                        SpoolWriterProcess.SEGMENT_BYTES))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(dir.toAbsolutePath().toString())
                        .hasMessageContaining("another process");
                String firstSync = child.nextLine(20_000);
                assertThat(firstSync).startsWith("synced ");
                Thread.sleep(ThreadLocalRandom.current().nextLong(100, 700));
                lastSynced = lastSynced(child.kill());
            }

            try (DiskSpool spool = DiskSpool.open(dir, SpoolWriterProcess.MAX_BYTES,
                    SpoolWriterProcess.SEGMENT_BYTES)) {
                long corrupt = spool.recoveredCorruptRecords();
                long pending = spool.pendingRecords();
                long expected = next;
                List<SpoolRecord> batch;
                while (!(batch = spool.peek(5_000, 16L << 20)).isEmpty()) {
                    for (SpoolRecord record : batch) {
                        assertThat(record.payload()).as("record %d in cycle %d", expected, cycle)
                                .isEqualTo(SpoolWriterProcess.payload(expected));
                        expected++;
                    }
                    spool.acknowledge(batch.get(batch.size() - 1));
                }
                System.out.printf("spool crash cycle %d: child synced up to #%d, recovered up to #%d "
                        + "(%d records after the last sync), torn records dropped: %d%n",
                        cycle, lastSynced, expected - 1, expected - 1 - lastSynced, corrupt);
                assertThat(corrupt).as("a kill tears at most the record being written").isLessThanOrEqualTo(1);
                assertThat(expected - 1).as("every synced record is back").isGreaterThanOrEqualTo(lastSynced);
                assertThat(pending).isEqualTo(expected - next);
                assertThat(spool.pendingRecords()).isZero();
                next = expected;
            }
        }
        try (DiskSpool spool = DiskSpool.open(dir, SpoolWriterProcess.MAX_BYTES, SpoolWriterProcess.SEGMENT_BYTES)) {
            assertThat(spool.peek(1, Long.MAX_VALUE)).as("acknowledged records never come back").isEmpty();
        }
    }

    @Test
    void lockHeldInThisProcessStopsAnotherProcessEvenAfterAFailedSecondOpenHere() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 1 << 20, 1 << 20)) {
            assertThatThrownBy(() -> DiskSpool.open(dir, 1 << 20, 1 << 20)).isInstanceOf(IOException.class);
            try (ChildJvm probe = ChildJvm.start(SpoolLockProbe.class, dir.toString())) {
                assertThat(probe.await()).singleElement().asString()
                        .startsWith("refused: ")
                        .contains(dir.toAbsolutePath().toString())
                        .contains("another process");
            }
        }
        try (ChildJvm probe = ChildJvm.start(SpoolLockProbe.class, dir.toString())) {
            assertThat(probe.await()).as("closing releases the lock").containsExactly("opened");
        }
    }

    private static long lastSynced(List<String> lines) {
        long last = -1;
        for (String line : lines) {
            if (line.startsWith("synced ")) {
                last = Long.parseLong(line.substring("synced ".length()));
            }
        }
        assertThat(last).as("child output %s", lines).isNotNegative();
        return last;
    }
}
