package io.mailtrail.logback.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void returnsRecordsInAppendOrderAcrossSegments() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 200)) {
            for (int i = 0; i < 100; i++) {
                assertThat(spool.append(payload(i))).isTrue();
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(5);
            assertThat(texts(spool.peek(1000, MIB))).containsExactlyElementsOf(expected(0, 100));
            assertThat(spool.pendingRecords()).isEqualTo(100);
        }
    }

    @Test
    void peekHonoursRecordAndByteLimitsAndRemovesNothing() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            assertThat(spool.peek(10, 100)).isEmpty();
            for (int i = 0; i < 10; i++) {
                spool.append(new byte[10]);
            }
            assertThat(spool.peek(3, MIB)).hasSize(3);
            assertThat(spool.peek(100, 25)).hasSize(2);
            assertThat(spool.peek(100, 30)).hasSize(3);
            assertThat(spool.peek(100, 1)).as("at least one record even when it alone is larger").hasSize(1);
            assertThat(spool.peek(100, MIB)).hasSize(10);
            assertThat(spool.pendingRecords()).isEqualTo(10);
        }
    }

    @Test
    void acknowledgeMovesThePositionAndDeletesOnlyWholeSegments() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            for (int i = 0; i < 20; i++) {
                spool.append(payload(i)); // 8 + 9..10 bytes: five records per 100-byte segment
            }
            List<Path> before = segmentFiles();
            List<SpoolRecord> all = spool.peek(1000, MIB);
            SpoolRecord firstOfSecond = all.stream().filter(r -> r.segment() == all.get(0).segment() + 1)
                    .findFirst().orElseThrow();
            int index = all.indexOf(firstOfSecond);

            spool.acknowledge(firstOfSecond);

            assertThat(segmentFiles()).as("first segment fully done, second still has pending records")
                    .containsExactlyElementsOf(before.subList(1, before.size()));
            assertThat(spool.pendingRecords()).isEqualTo(20 - index - 1);
            assertThat(texts(spool.peek(1000, MIB))).containsExactlyElementsOf(expected(index + 1, 20));

            spool.acknowledge(all.get(index - 1)); // already done: nothing changes
            assertThat(spool.pendingRecords()).isEqualTo(20 - index - 1);

            spool.acknowledge(all.get(all.size() - 1));
            assertThat(spool.pendingRecords()).isZero();
            assertThat(spool.peek(10, MIB)).isEmpty();
            assertThat(segmentFiles()).as("the segment being written stays until the next one starts").hasSize(1);
            assertThat(spool.sizeBytes()).isEqualTo(Files.size(segmentFiles().get(0)));
        }
    }

    @Test
    void reopenResumesAfterTheLastAcknowledgedRecord() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            for (int i = 0; i < 30; i++) {
                spool.append(payload(i));
            }
            spool.acknowledge(spool.peek(12, MIB).get(11));
        }
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            assertThat(spool.recoveredCorruptRecords()).isZero();
            assertThat(spool.pendingRecords()).isEqualTo(18);
            for (int i = 30; i < 40; i++) {
                spool.append(payload(i));
            }
            assertThat(texts(spool.peek(1000, MIB))).containsExactlyElementsOf(expected(12, 40));
        }
    }

    @Test
    void appendReturnsFalseAndWritesNothingWhenFull() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 100, 50)) {
            int accepted = 0;
            while (spool.append(new byte[12])) { // 20-byte frames: two per segment, five in the bound
                accepted++;
            }
            assertThat(accepted).isEqualTo(5);
            long size = spool.sizeBytes();
            spool.sync();
            assertThat(spool.append(new byte[12])).isFalse();
            assertThat(spool.append(new byte[1000])).isFalse();
            spool.sync();
            assertThat(spool.sizeBytes()).isEqualTo(size).isLessThanOrEqualTo(100);
            assertThat(bytesOnDisk()).isEqualTo(size);
            assertThat(spool.pendingRecords()).isEqualTo(5);

            spool.acknowledge(spool.peek(2, MIB).get(1));
            assertThat(spool.sizeBytes()).as("the first segment was deleted").isEqualTo(60);
            assertThat(spool.append(new byte[12])).as("space of a fully acknowledged segment is reusable").isTrue();
            assertThat(spool.pendingRecords()).isEqualTo(4);
        }
    }

    @Test
    void writeSegmentFullyAcknowledgedIsReclaimedWhenOneSegmentFillsTheBound() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 60, 60)) {
            for (int round = 0; round < 5; round++) {
                assertThat(spool.append(new byte[12])).isTrue();
                assertThat(spool.append(new byte[12])).isTrue();
                assertThat(spool.append(new byte[12])).isTrue();
                assertThat(spool.append(new byte[12])).isFalse();
                spool.acknowledge(spool.peek(3, MIB).get(2));
            }
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void tornLastRecordIsDroppedAndCounted() throws IOException {
        for (int cut : new int[] {1, 5, 8, 12}) {
            Path folder = Files.createDirectories(dir.resolve("cut-" + cut));
            try (DiskSpool spool = DiskSpool.open(folder, MIB, MIB)) {
                for (int i = 0; i < 10; i++) {
                    spool.append(payload(i));
                }
            }
            Path segment = single(folder);
            long full = Files.size(segment);
            truncate(segment, full - cut); // the last frame is 8 + 8 bytes: cut in its payload or its header
            try (DiskSpool spool = DiskSpool.open(folder, MIB, MIB)) {
                assertThat(spool.recoveredCorruptRecords()).isEqualTo(1);
                assertThat(spool.pendingRecords()).isEqualTo(9);
                assertThat(Files.size(segment)).isEqualTo(full - 16);
                spool.append(payload(99));
                assertThat(texts(spool.peek(100, MIB))).containsExactlyElementsOf(
                        Stream.concat(expected(0, 9).stream(), Stream.of(text(99))).collect(Collectors.toList()));
            }
            try (DiskSpool spool = DiskSpool.open(folder, MIB, MIB)) {
                assertThat(spool.recoveredCorruptRecords()).as("the cut is made once, on disk").isZero();
                assertThat(spool.pendingRecords()).isEqualTo(10);
            }
        }
    }

    @Test
    void damagedByteDropsTheRestOfItsSegmentButNeverReturnsAWrongPayload() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            for (int i = 0; i < 20; i++) {
                spool.append(payload(i));
            }
        }
        List<Path> segments = segmentFiles();
        Path second = segments.get(1);
        int recordsInFirst;
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            List<SpoolRecord> all = spool.peek(100, MIB);
            recordsInFirst = (int) all.stream().filter(r -> r.segment() == all.get(0).segment()).count();
        }
        flipByte(second, 8 + 8 + 3); // inside the payload of the second record of the second segment

        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            assertThat(spool.recoveredCorruptRecords()).isEqualTo(1);
            List<String> read = texts(spool.peek(100, MIB));
            List<String> wanted = new ArrayList<>(expected(0, recordsInFirst + 1));
            read.stream().skip(wanted.size()).findFirst().ifPresent(t -> assertThat(t).isNotEqualTo(
                    text(recordsInFirst + 1)));
            assertThat(read).startsWith(wanted.toArray(String[]::new));
            assertThat(expected(0, 20)).as("every record read back is one that was written, in order")
                    .containsSubsequence(read);
            assertThat(read).as("later segments are still read").contains(text(19));
        }
    }

    @Test
    void damagedLengthFieldOrZeroFilledTailIsDetected() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            for (int i = 0; i < 5; i++) {
                spool.append(payload(i));
            }
        }
        Path segment = single(dir);
        flipByte(segment, 3 * 16 + 3); // low byte of the fourth record's length (frames are 8 + 8 bytes)
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(file.length());
            file.write(new byte[64]);
        }
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            assertThat(spool.recoveredCorruptRecords()).isEqualTo(1);
            assertThat(texts(spool.peek(100, MIB))).containsExactlyElementsOf(expected(0, 3));
        }
    }

    @Test
    void damagedAckFileReplaysEverythingRatherThanLosingRecords() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            for (int i = 0; i < 5; i++) {
                spool.append(payload(i));
            }
            spool.acknowledge(spool.peek(2, MIB).get(1));
        }
        flipByte(dir.resolve("spool.ack"), 10);
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            assertThat(texts(spool.peek(100, MIB))).containsExactlyElementsOf(expected(0, 5));
        }
    }

    @Test
    void secondOpenOfTheSameFolderFailsNamingIt() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            spool.append(payload(1));
            assertThatThrownBy(() -> DiskSpool.open(dir, MIB, MIB))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("already open");
            assertThat(spool.append(payload(2))).as("the first spool keeps working").isTrue();
        }
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            assertThat(texts(spool.peek(10, MIB))).containsExactly(text(1), text(2));
        }
    }

    @Test
    void badSizesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> DiskSpool.open(dir, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes").hasMessageContaining("0");
        assertThatThrownBy(() -> DiskSpool.open(dir, -5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes").hasMessageContaining("-5");
        assertThatThrownBy(() -> DiskSpool.open(dir, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes").hasMessageContaining("0");
        assertThatThrownBy(() -> DiskSpool.open(dir, 10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes").hasMessageContaining("-1");
        assertThatThrownBy(() -> DiskSpool.open(dir, 10, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes (11)").hasMessageContaining("maxBytes (10)");
        assertThatThrownBy(() -> DiskSpool.open(null, 10, 10)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dir");
    }

    @Test
    void badPeekAndAcknowledgeArgumentsAreRejectedNamingTheParameter() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, MIB)) {
            spool.append(payload(1));
            assertThatThrownBy(() -> spool.peek(0, 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxRecords");
            assertThatThrownBy(() -> spool.peek(1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxBytes");
            assertThatThrownBy(() -> spool.acknowledge(new SpoolRecord(1, 3, new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upTo");
            assertThatThrownBy(() -> spool.acknowledge(new SpoolRecord(7, 0, new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upTo");
            assertThat(spool.pendingRecords()).isEqualTo(1);
        }
    }

    @Test
    void unusableFolderIsNamedInTheError() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> DiskSpool.open(file.resolve("spool"), MIB, MIB)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.resolve("spool").toString());
    }

    @Test
    void closedSpoolRefusesCalls() throws IOException {
        DiskSpool spool = DiskSpool.open(dir, MIB, MIB);
        spool.close();
        spool.close();
        assertThatThrownBy(() -> spool.append(payload(1))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void concurrentAppendsKeepEachThreadsOrderAndLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        try (DiskSpool spool = DiskSpool.open(dir, 64 * MIB, 64 * 1024)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            spool.append((thread + ":" + i).getBytes(StandardCharsets.UTF_8));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> read = texts(spool.peek(Integer.MAX_VALUE, Long.MAX_VALUE));
            assertThat(read).hasSize(threads * perThread);
            for (int t = 0; t < threads; t++) {
                String prefix = t + ":";
                List<String> own = read.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toList());
                List<String> wanted = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    wanted.add(prefix + i);
                }
                assertThat(own).containsExactlyElementsOf(wanted);
            }
        }
    }

    @Test
    void syncsRunningAlongsideAppendsAndRollsLoseNothingAndLeaveNoFileOpen() throws Exception {
        // sync() forces outside the appenders' lock and a roll leaves its segment to the next sync: hammer both
        int records = 20_000;
        try (DiskSpool spool = DiskSpool.open(dir, 64 * MIB, 16 * 1024)) {
            AtomicBoolean appending = new AtomicBoolean(true);
            AtomicInteger syncs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> syncer = pool.submit(() -> {
                    while (appending.get()) {
                        spool.sync();
                        syncs.incrementAndGet();
                    }
                    return null;
                });
                Future<?> appender = pool.submit(() -> {
                    for (int i = 0; i < records; i++) {
                        spool.append(payload(i));
                    }
                    appending.set(false);
                    return null;
                });
                appender.get();
                syncer.get();
            } finally {
                pool.shutdownNow();
            }
            spool.sync();
            assertThat(syncs.get()).isPositive();
            assertThat(segmentFiles()).hasSizeGreaterThan(10);
            List<SpoolRecord> all = spool.peek(Integer.MAX_VALUE, Long.MAX_VALUE);
            assertThat(texts(all)).containsExactlyElementsOf(expected(0, records));
            spool.acknowledge(all.get(all.size() - 1));
            // every rolled segment was closed and deleted once acknowledged; only the one being written stays
            assertThat(segmentFiles()).hasSize(1);
        }
        try (DiskSpool reopened = DiskSpool.open(dir, 64 * MIB, 16 * 1024)) {
            assertThat(reopened.pendingRecords()).isZero();
        }
    }

    @Test
    void recordsLargerThanTheWriteBufferAndEmptyRecordsRoundTrip() throws IOException {
        byte[] big = new byte[300_000];
        new Random(3).nextBytes(big);
        try (DiskSpool spool = DiskSpool.open(dir, 4 * MIB, MIB)) {
            spool.append(payload(1));
            spool.append(big);
            spool.append(new byte[0]);
            spool.append(payload(2));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 4 * MIB, MIB)) {
            List<SpoolRecord> records = spool.peek(10, 10 * MIB);
            assertThat(records).hasSize(4);
            assertThat(records.get(1).payload()).isEqualTo(big);
            assertThat(records.get(2).payload()).isEmpty();
            assertThat(new String(records.get(3).payload(), StandardCharsets.UTF_8)).isEqualTo(text(2));
        }
    }

    @Test
    void leftoversOfACrashDuringAcknowledgeAreCleanedAtOpen() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            for (int i = 0; i < 20; i++) {
                spool.append(payload(i));
            }
            List<SpoolRecord> all = spool.peek(100, MIB);
            spool.acknowledge(all.get(12));
        }
        long firstKept = segmentFiles().stream().mapToLong(DiskSpoolTest::number).min().orElseThrow();
        // a segment whose delete did not happen, and an ack file written but not yet renamed
        Path stale = dir.resolve(String.format("%020d.seg", firstKept - 1));
        Files.write(stale, new byte[] {1, 2, 3});
        Files.write(dir.resolve("spool.ack.tmp"), new byte[] {9, 9});
        try (DiskSpool spool = DiskSpool.open(dir, MIB, 100)) {
            assertThat(stale).doesNotExist();
            assertThat(dir.resolve("spool.ack.tmp")).doesNotExist();
            assertThat(spool.recoveredCorruptRecords()).isZero();
            assertThat(texts(spool.peek(100, MIB))).containsExactlyElementsOf(expected(13, 20));
        }
    }

    @Test
    void consumerThreadReadsWhileProducerThreadAppends() throws Exception {
        int total = 20_000;
        try (DiskSpool spool = DiskSpool.open(dir, 64 * MIB, 32 * 1024)) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        spool.append(payload(i));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            producer.start();
            List<String> consumed = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (consumed.size() < total && System.nanoTime() < deadline) {
                List<SpoolRecord> batch = spool.peek(300, MIB);
                if (batch.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                consumed.addAll(texts(batch));
                spool.acknowledge(batch.get(batch.size() - 1));
            }
            producer.join();
            assertThat(consumed).containsExactlyElementsOf(expected(0, total));
            assertThat(spool.pendingRecords()).isZero();
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void toStringNeverShowsThePayload() {
        assertThat(new SpoolRecord(1, 2, "secret".getBytes(StandardCharsets.UTF_8)).toString())
                .doesNotContain("secret").contains("payloadBytes=6");
    }

    static byte[] payload(int n) {
        return text(n).getBytes(StandardCharsets.UTF_8);
    }

    static String text(int n) {
        return "record-" + n;
    }

    private static List<String> expected(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add(text(i));
        }
        return texts;
    }

    static List<String> texts(List<SpoolRecord> records) {
        return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    private long bytesOnDisk() throws IOException {
        long total = 0;
        for (Path p : segmentFiles()) {
            total += Files.size(p);
        }
        return total;
    }

    private static Path single(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> segments = files.filter(p -> p.toString().endsWith(".seg")).collect(Collectors.toList());
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }
}
