package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Main class of the child JVM in {@link DiskSpoolCrashTest}: appends numbered records as fast as it can, calls
 * {@code sync()} every few records and then prints {@code synced <n>}, until it is killed (or a safety deadline).
 * Arguments: folder, first record number, records per sync, seconds before it gives up by itself.
 */
public final class SpoolWriterProcess {

    static final long MAX_BYTES = 1L << 30;
    static final long SEGMENT_BYTES = 1L << 20;

    private SpoolWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        int syncEvery = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        try (DiskSpool spool = DiskSpool.open(dir, MAX_BYTES, SEGMENT_BYTES)) {
            System.out.println("open");
            System.out.flush();
            for (long n = first; System.nanoTime() < deadline; n++) {
                if (!spool.append(payload(n))) {
                    System.out.println("full " + n);
                    return;
                }
                if ((n - first + 1) % syncEvery == 0) {
                    spool.sync();
                    System.out.println("synced " + n);
                    System.out.flush();
                }
            }
        }
    }

    /**
     * The exact payload of record n: its number, then filler whose length and bytes depend on n (so a record
     * with the wrong content or length is caught). Every 97th record is larger than the spool's write buffer,
     * so it reaches the file in more than one write and a kill can tear it.
     */
    static byte[] payload(long n) {
        int filler = n % 97 == 0 ? 70_000 : (int) ((n * 7919) % 900);
        byte[] head = (n + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + filler);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + (n + i) % 26);
        }
        return bytes;
    }
}
