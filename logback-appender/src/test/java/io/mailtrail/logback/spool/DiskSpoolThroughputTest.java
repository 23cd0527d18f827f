package io.mailtrail.logback.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends and replays a burst of 200 000 records of about 500 bytes. Asserts only correctness; the rates are
 * printed for the notes (speed belongs to benchmarks, not to assertions).
 */
class DiskSpoolThroughputTest {

    private static final int RECORDS = 200_000;
    private static final int RECORD_BYTES = 500;

    @TempDir
    Path dir;

    @Test
    void burstOfTwoHundredThousandRecordsIsStoredAndReplayedCompletely() throws Exception {
        byte[] filler = new byte[RECORD_BYTES];
        Arrays.fill(filler, (byte) 'x');
        long appendNanos;
        long replayNanos;
        long bytesOnDisk;
        try (DiskSpool spool = DiskSpool.open(dir, 512L << 20, 16L << 20)) {
            long start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                byte[] record = filler.clone();
                byte[] number = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(number, 0, record, 0, number.length);
                assertThat(spool.append(record)).isTrue();
            }
            spool.sync();
            appendNanos = System.nanoTime() - start;
            assertThat(spool.pendingRecords()).isEqualTo(RECORDS);
            bytesOnDisk = spool.sizeBytes();
            assertThat(bytesOnDisk).isEqualTo((long) RECORDS * (RECORD_BYTES + 8));

            start = System.nanoTime();
            int expected = 0;
            List<SpoolRecord> batch;
            while (!(batch = spool.peek(2_000, 5L << 20)).isEmpty()) {
                for (SpoolRecord record : batch) {
                    String prefix = Integer.toString(expected);
                    assertThat(new String(record.payload(), 0, prefix.length(), StandardCharsets.US_ASCII))
                            .isEqualTo(prefix);
                    expected++;
                }
                spool.acknowledge(batch.get(batch.size() - 1));
            }
            replayNanos = System.nanoTime() - start;
            assertThat(expected).isEqualTo(RECORDS);
            assertThat(spool.pendingRecords()).isZero();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".seg")).count())
                    .as("acknowledged segments are deleted, and a drained spool keeps none once closed").isZero();
        }
        System.out.printf("spool throughput: %d records of %d bytes (%.1f MiB): append+sync %.0f records/s "
                        + "(%.1f MiB/s), replay (peek 2000 + acknowledge) %.0f records/s%n",
                RECORDS, RECORD_BYTES, bytesOnDisk / 1048576.0,
                RECORDS / (appendNanos / 1e9), bytesOnDisk / 1048576.0 / (appendNanos / 1e9),
                RECORDS / (replayNanos / 1e9));
    }
}
